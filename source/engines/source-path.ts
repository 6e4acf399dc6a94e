/**
 * Paths inside the repository as the controllers write them (`./apps/web`, `apps/web/`, `/apps/web`, `./`),
 * in one form: relative, no leading `./` or `/`, no trailing slash, '' for the root.
 */

/** `./apps/web/` → `apps/web`; `./`, `.`, `/` and '' → ''. */
export function normaliseSourcePath(value: unknown): string {
	if (typeof value !== 'string') return '';
	const parts = value
		.trim()
		.split('/')
		.filter(part => part !== '' && part !== '.');
	return parts.join('/');
}
