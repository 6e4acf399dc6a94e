import {it} from 'vitest';
import {writeFileSync} from 'node:fs';
import {execFile} from 'node:child_process';
import {startSandbox} from '../../source/sandbox/index.js';
it('starts', async () => {
	const t = performance.now();
	const sandbox = await startSandbox({});
	console.log('start ms', performance.now() - t);
	writeFileSync('/tmp/gt/kc', sandbox.kubeconfig());
	writeFileSync('/tmp/gt/d.yaml', `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources: {requests: {cpu: 1000m}}
`);
	const env = {...process.env, KUBECONFIG: '/tmp/gt/kc'};
	const run = (args: string[]) => new Promise<string>(resolve => execFile('kubectl', args, {env, encoding: 'utf8'}, (e: any, out, err) => resolve(e ? `EXIT ${e.code}\n${out}\n${err}` : out)));
	let t2 = performance.now();
	console.log(await run(['create', 'namespace', 'shop']));
	console.log(await run(['apply', '--server-side', '--field-manager=kustomize-controller', '-f', '/tmp/gt/d.yaml']), performance.now() - t2);
	t2 = performance.now();
	console.log(await run(['diff', '--server-side', '--force-conflicts', '--field-manager=kustomize-controller', '-f', '/tmp/gt/d.yaml']), performance.now() - t2);
	console.log(await run(['patch', 'deployment', 'web', '-n', 'shop', '--field-manager=kubectl-edit', '--type=merge', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}']));
	console.log(await run(['diff', '--server-side', '--force-conflicts', '--field-manager=kustomize-controller', '-f', '/tmp/gt/d.yaml']));
	await sandbox.stop();
});
