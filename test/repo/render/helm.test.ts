import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createFindBinary, createProcessRunner} from '../../../source/repo/process-runner.js';
import {renderHelmChart} from '../../../source/repo/render/helm.js';
import type {RenderTools} from '../../../source/repo/render/tool-output.js';
import {makeRepoTempDir, repoFixtures} from '../../support/repo-helpers.js';

const temp = makeRepoTempDir();
afterAll(() => temp.cleanup());

/** A stand-in `helm` on PATH: records its arguments and any values file, then prints what helm would. */
function fakeHelm(script: string): RenderTools {
	const bin = path.join(temp.dir, `bin-${Math.random().toString(36).slice(2)}`);
	mkdirSync(bin);
	writeFileSync(path.join(bin, 'helm'), `#!/bin/sh\n${script}\n`);
	chmodSync(path.join(bin, 'helm'), 0o755);
	const env = {PATH: `${bin}${path.delimiter}${process.env.PATH}`};
	return {run: createProcessRunner(), findBinary: createFindBinary(env), env, tmpDir: temp.dir};
}

describe('renderHelmChart', () => {
	it('without helm on PATH, says so for this chart and renders nothing', async () => {
		const env = {PATH: path.join(temp.dir, 'no-bin')};
		const tools: RenderTools = {run: createProcessRunner(), findBinary: createFindBinary(env), env};
		const result = await renderHelmChart({root: repoFixtures, path: 'helm-chart', releaseName: 'demo', tools});
		expect(result).toEqual({ok: false, error: {kind: 'helm-missing', message: 'helm is not installed; cannot render chart at helm-chart'}});
	});

	it('runs helm template with release, namespace, CRDs and values, tracing objects to their templates', async () => {
		const record = path.join(temp.dir, 'helm-args');
		const tools = fakeHelm(`
printf '%s\\n' "$@" > '${record}'
for arg in "$@"; do case "$arg" in *.json) cp "$arg" '${record}.values' ;; esac; done
cat <<'OUT'
---
# Source: demo/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: demo
spec:
  ports:
    - port: 80
---
# Source: demo/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: "demo"
spec:
  replicas: 3
OUT`);
		const result = await renderHelmChart({
			root: repoFixtures,
			path: 'helm-chart',
			releaseName: 'demo',
			namespace: 'shop',
			valueFiles: ['values.yaml'],
			values: {replicaCount: 3},
			tools,
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.objects.map(o => `${o.object.kind}/${o.object.metadata.name} ${o.file}`)).toEqual([
			'Service/demo helm-chart/templates/service.yaml',
			'Deployment/demo helm-chart/templates/deployment.yaml',
		]);
		const args = readFileSync(record, 'utf8').trim().split('\n');
		const chart = path.join(repoFixtures, 'helm-chart');
		expect(args.slice(0, 7)).toEqual(['template', 'demo', chart, '--namespace', 'shop', '--include-crds', '--values']);
		expect(args[7]).toBe(path.join(chart, 'values.yaml'));
		expect(args[8]).toBe('--values');
		expect(JSON.parse(readFileSync(`${record}.values`, 'utf8'))).toEqual({replicaCount: 3});
		// The values file was scratch: it is gone.
		expect(existsSync(args[9]!)).toBe(false);
	});

	it('reports a template error with the template file and line', async () => {
		const tools = fakeHelm(`echo 'Error: template: demo/templates/deployment.yaml:5:14: executing "demo/templates/deployment.yaml" at <.Values.nope.x>: nil pointer evaluating interface {}.x' >&2; exit 1`);
		const result = await renderHelmChart({root: repoFixtures, path: 'helm-chart', releaseName: 'demo', tools});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toMatchObject({kind: 'helm', file: 'helm-chart/templates/deployment.yaml', line: 5});
		expect(result.error.message).toContain('helm template helm-chart: template: demo/templates/deployment.yaml:5:14');
	});
});
