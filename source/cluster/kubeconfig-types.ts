/**
 * The kubeconfig as we hold it after parsing and merging: kubectl's shape with its field names
 * spelled in camelCase, every relative path already resolved against the file that named it, and
 * every entry remembering which file it came from so errors can point at it.
 */

/** An exec credential plugin, as `users[].user.exec` declares it. */
export type ExecConfig = {
	command: string;
	args: string[];
	env: Array<{name: string; value: string}>;
	apiVersion: string;
	installHint?: string;
	provideClusterInfo: boolean;
	/** kubectl's interactiveMode; we never have a terminal to give the plugin, so `Always` is refused. */
	interactiveMode: 'Never' | 'IfAvailable' | 'Always';
};

/** A cluster entry: where the apiserver is and how to trust it. */
export type KubeconfigCluster = {
	name: string;
	server: string;
	certificateAuthority?: string;
	certificateAuthorityData?: string;
	insecureSkipTlsVerify: boolean;
	tlsServerName?: string;
	proxyUrl?: string;
	file: string;
};

/** A user entry: how to authenticate. Several methods may be set; credentials.ts decides precedence as kubectl does. */
export type KubeconfigUser = {
	name: string;
	token?: string;
	tokenFile?: string;
	username?: string;
	password?: string;
	clientCertificate?: string;
	clientCertificateData?: string;
	clientKey?: string;
	clientKeyData?: string;
	exec?: ExecConfig;
	/** Legacy auth-provider plugins (oidc, gcp, azure): named so the error can say which one is unsupported. */
	authProvider?: string;
	impersonate?: string;
	impersonateGroups?: string[];
	file: string;
};

/** A context entry: which cluster, as which user, in which default namespace. */
export type KubeconfigContext = {
	name: string;
	cluster: string;
	user: string;
	namespace?: string;
	file: string;
};

/** One parsed kubeconfig file. */
export type KubeconfigFile = {
	file: string;
	currentContext?: string;
	clusters: KubeconfigCluster[];
	users: KubeconfigUser[];
	contexts: KubeconfigContext[];
};

/** Every file merged by kubectl's rules: the first file to name an entry (or set current-context) wins. */
export type Kubeconfig = {
	/** The files that were read, in precedence order. */
	files: string[];
	/** The current context and the file that set it. */
	currentContext?: {name: string; file: string};
	clusters: Map<string, KubeconfigCluster>;
	users: Map<string, KubeconfigUser>;
	/** In the order the files list them: `--all-contexts` shows them this way. */
	contexts: Map<string, KubeconfigContext>;
	/** Things that are not errors but an operator may want to know (a KUBECONFIG entry that does not exist). */
	warnings: string[];
};
