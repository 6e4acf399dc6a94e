/** Times as Kubernetes writes them in objects: RFC 3339, whole seconds, UTC. */

/** `2026-03-02T10:15:00Z` */
export function rfc3339(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The time `minutes` before `date`. */
export function minutesBefore(date: Date, minutes: number): Date {
	return new Date(date.getTime() - minutes * 60_000);
}
