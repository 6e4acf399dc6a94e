/**
 * The payments app's manifests (Argo CD, prod-eu): api Deployment and Service, settings, a provider Secret with
 * obviously fake values (the demo shows that Secret values are masked everywhere), and, as its history goes
 * on, an autoscaler and the fraud rules.
 */

/** Options of the payments app (Argo CD, prod-eu) that change over its history. */
export type PaymentsVersion = {memory: string; autoscaled: boolean; fraudRules: boolean};

/** payments (Argo CD, prod-eu): api with a Service, settings, provider Secret (fake values), HPA, fraud rules. */
export function paymentsFiles(version: PaymentsVersion): Record<string, string> {
	const files: Record<string, string> = {
		'apps/payments/api.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ghcr.io/example/payments-api:2.8.1
          ports:
            - name: http
              containerPort: 8080
          envFrom:
            - configMapRef:
                name: payments-settings
            - secretRef:
                name: payments-provider
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              memory: ${version.memory}
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - name: http
      port: 80
      targetPort: http
`,
		'apps/payments/settings.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: payments-settings
data:
  PROVIDER_URL: https://sandbox.payments.example.com
  TIMEOUT: 5s
`,
		// Obviously fake values: the demo shows that Secret values are masked everywhere.
		'apps/payments/provider-secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: payments-provider
type: Opaque
data:
  API_KEY: ${base64('demo-not-a-real-api-key')}
  WEBHOOK_SECRET: ${base64('demo-not-a-real-webhook-secret')}
`,
	};
	if (version.autoscaled) {
		files['apps/payments/autoscaler.yaml'] = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: api
  minReplicas: 2
  maxReplicas: 6
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
	}
	if (version.fraudRules) {
		files['apps/payments/fraud-rules.yaml'] = `apiVersion: v1
kind: ConfigMap
metadata:
  name: fraud-rules
data:
  rules.yaml: |
    - name: velocity
      maxPaymentsPerMinute: 5
    - name: amount
      maxAmountEur: 5000
`;
	}
	return files;
}

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}
