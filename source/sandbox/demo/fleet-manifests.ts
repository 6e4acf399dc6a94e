/**
 * The manifests of the demo fleet, as a platform team would keep them in Git: one folder per app, plain YAML
 * (no kustomization, so rendering needs no tool), namespaces left to the deployer where the deployer sets them
 * (Flux `targetNamespace`, Argo CD `destination.namespace`, the plain app's settings). Versions are parameters
 * so the history can change them commit by commit. payments has its own file (payments-manifests.ts).
 */

/** shop (Flux, prod-eu and prod-us): nginx web with a Service, a queue worker, settings. */
export function shopFiles(nginx: string): Record<string, string> {
	return {
		'apps/shop/namespace.yaml': namespace('shop'),
		'apps/shop/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:${nginx}
          ports:
            - name: http
              containerPort: 80
          resources:
            requests:
              cpu: 250m
              memory: 128Mi
            limits:
              # The API server stores this as "1": equal quantities are not drift.
              cpu: 1000m
              memory: 256Mi
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http
`,
		'apps/shop/worker.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  labels:
    app: worker
spec:
  replicas: 2
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
        - name: worker
          image: ghcr.io/example/shop-worker:3.1.0
          envFrom:
            - configMapRef:
                name: shop-settings
`,
		'apps/shop/settings.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-settings
data:
  CURRENCY: EUR
  QUEUE_URL: amqp://queue.shop.svc:5672
  CART_TTL: 30m
`,
	};
}

/** billing (Flux, staging): one Deployment and its Service. */
export function billingFiles(release: string): Record<string, string> {
	return {
		'apps/billing/namespace.yaml': namespace('billing'),
		'apps/billing/billing.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: billing
  labels:
    app: billing
spec:
  replicas: 2
  selector:
    matchLabels:
      app: billing
  template:
    metadata:
      labels:
        app: billing
    spec:
      containers:
        - name: billing
          image: ghcr.io/example/billing:${release}
          ports:
            - name: http
              containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: billing
spec:
  selector:
    app: billing
  ports:
    - name: http
      port: 80
      targetPort: http
`,
	};
}

/**
 * checkout (plain app, staging). The image tag `broken` never pulls in the sandbox, and the short progress
 * deadline turns that into ProgressDeadlineExceeded half a minute into the demo.
 */
export function checkoutFiles(tag: string): Record<string, string> {
	return {
		'apps/checkout/namespace.yaml': namespace('checkout'),
		'apps/checkout/checkout.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  labels:
    app: checkout
spec:
  replicas: 2
  progressDeadlineSeconds: 30
  selector:
    matchLabels:
      app: checkout
  template:
    metadata:
      labels:
        app: checkout
    spec:
      containers:
        - name: checkout
          image: ghcr.io/example/checkout:${tag}
          ports:
            - name: http
              containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: checkout
spec:
  selector:
    app: checkout
  ports:
    - name: http
      port: 80
      targetPort: http
`,
	};
}

/** `.gitops-tui.yaml`: the plain app, protected contexts and, once added, the ignore rule. */
export function settingsFile(withIgnore: boolean): string {
	const base = `# gitops-tui settings for this repository (see the gitops-tui README, "Contracts").
apps:
  - name: checkout
    path: apps/checkout
    context: staging
    namespace: checkout
protectedContexts: [prod-eu, prod-us]
`;
	if (!withIgnore) return base;
	return `${base}ignore:
  # shop's worker is scaled by the queue autoscaler: its replica count is not drift.
  - group: apps
    kind: Deployment
    name: worker
    jsonPointers: [/spec/replicas]
    managers: [kube-controller-manager]
`;
}

/** The repository's README. */
export const readmeFile = `# fleet

Desired state of the example fleet: one folder per app under \`apps/\`.

| app | deployed by | clusters |
|---|---|---|
| shop | Flux Kustomization \`flux-system/shop\` | prod-eu, prod-us |
| payments | Argo CD Application \`argocd/payments\` | prod-eu |
| billing | Flux Kustomization \`flux-system/billing\` | staging |
| checkout | gitops-tui (plain app, \`.gitops-tui.yaml\`) | staging |
`;

function namespace(name: string): string {
	return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
`;
}

