/**
 * The benchmark's objects: a realistic mix per context (60 % ConfigMaps, 30 % Deployments, 10 % Services),
 * the kinds and shapes a GitOps fleet is mostly made of, with labels, annotations and a few data keys.
 */
import type {KubeObject} from '../source/domain/kube-object.js';

/** `count` objects for one context, spread over 20 namespaces. */
export function benchObjects(count: number): KubeObject[] {
	const objects: KubeObject[] = [];
	for (let i = 0; i < count; i++) {
		const namespace = `team-${i % 20}`;
		const app = `app-${i}`;
		const labels = {'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': `system-${i % 7}`, tier: i % 2 ? 'backend' : 'frontend'};
		const slot = i % 10;
		if (slot < 6) {
			objects.push({
				apiVersion: 'v1',
				kind: 'ConfigMap',
				metadata: {name: `${app}-config`, namespace, labels, annotations: {'example.com/owner': `team-${i % 20}@example.com`}},
				data: {
					'LOG_LEVEL': 'info',
					'FEATURE_FLAGS': 'checkout,search,recommendations',
					'UPSTREAM_URL': `http://${app}.${namespace}.svc.cluster.local:8080`,
					'TIMEOUT_SECONDS': '30',
					'REGION': 'eu-west-1',
				},
			});
		} else if (slot < 9) {
			objects.push({
				apiVersion: 'apps/v1',
				kind: 'Deployment',
				metadata: {name: app, namespace, labels},
				spec: {
					replicas: 2,
					selector: {matchLabels: {'app.kubernetes.io/name': app}},
					template: {
						metadata: {labels},
						spec: {
							containers: [
								{
									name: 'app',
									image: `registry.example.com/${app}:1.${i % 50}.0`,
									ports: [{containerPort: 8080, name: 'http'}],
									env: [
										{name: 'LOG_LEVEL', value: 'info'},
										{name: 'PORT', value: '8080'},
									],
									resources: {requests: {cpu: '100m', memory: '128Mi'}, limits: {cpu: '500m', memory: '256Mi'}},
								},
							],
						},
					},
				},
			});
		} else {
			objects.push({
				apiVersion: 'v1',
				kind: 'Service',
				metadata: {name: app, namespace, labels},
				spec: {selector: {'app.kubernetes.io/name': app}, ports: [{name: 'http', port: 80, targetPort: 'http'}]},
			});
		}
	}

	return objects;
}
