/**
 * Label and field selectors as the apiserver parses them (`app=web,tier!=db`, `env in (a,b)`,
 * `!legacy`, `metadata.name=web`); parse errors are values, matching is pure.
 */
import type {KubeObject} from '../domain/kube-object.js';

type LabelRequirement =
	| {key: string; op: 'exists' | '!exists'}
	| {key: string; op: '=' | '!='; value: string}
	| {key: string; op: 'in' | 'notin'; values: string[]}
	| {key: string; op: '>' | '<'; value: number};

/** A parsed label selector: every requirement must hold. */
export type LabelSelector = LabelRequirement[];

/** A parsed field selector: every term must hold. */
export type FieldSelector = Array<{field: string; op: '=' | '!='; value: string}>;

export type ParseResult<T> = {ok: true; value: T} | {ok: false; message: string};

/** Splits on commas outside parentheses. */
function splitTerms(text: string): string[] {
	const terms: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of text) {
		if (char === '(') depth++;
		if (char === ')') depth--;
		if (char === ',' && depth === 0) {
			terms.push(current);
			current = '';
		} else current += char;
	}
	terms.push(current);
	return terms.map(t => t.trim()).filter(t => t !== '');
}

const keyPattern = /^([a-z0-9A-Z]([a-z0-9A-Z._-]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([a-z0-9A-Z._-]*[a-z0-9A-Z])?$/;
const valuePattern = /^([a-z0-9A-Z]([a-z0-9A-Z._-]*[a-z0-9A-Z])?)?$/;

function parseLabelTerm(term: string): LabelRequirement | string {
	let match = /^!\s*(\S+)$/.exec(term);
	if (match) return keyPattern.test(match[1]!) ? {key: match[1]!, op: '!exists'} : `invalid label key "${match[1]}"`;
	match = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
	if (match) {
		const values = match[3]!.split(',').map(v => v.trim());
		const bad = values.find(v => !valuePattern.test(v));
		if (bad !== undefined) return `invalid label value: "${bad}"`;
		return {key: match[1]!, op: match[2] as 'in' | 'notin', values};
	}
	match = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(term);
	if (match) {
		const [, key, op, value] = match as unknown as [string, string, string, string];
		if (!keyPattern.test(key)) return `invalid label key "${key}"`;
		if (op === '>' || op === '<') {
			const number = Number(value);
			return Number.isInteger(number) ? {key, op, value: number} : `for 'Gt', 'Lt' operators, the value must be an integer`;
		}
		if (!valuePattern.test(value)) return `invalid label value: "${value}"`;
		return {key, op: op === '!=' ? '!=' : '=', value};
	}
	return keyPattern.test(term) ? {key: term, op: 'exists'} : `invalid label key "${term}"`;
}

/** Parses a labelSelector query parameter; the empty string selects everything. */
export function parseLabelSelector(text: string): ParseResult<LabelSelector> {
	const selector: LabelSelector = [];
	for (const term of splitTerms(text)) {
		const parsed = parseLabelTerm(term);
		if (typeof parsed === 'string') return {ok: false, message: `unable to parse requirement: ${parsed}`};
		selector.push(parsed);
	}
	return {ok: true, value: selector};
}

/** True when the labels satisfy every requirement. */
export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
	return selector.every(requirement => {
		const value = labels?.[requirement.key];
		switch (requirement.op) {
			case 'exists':
				return value !== undefined;
			case '!exists':
				return value === undefined;
			case '=':
				return value === requirement.value;
			case '!=':
				return value !== requirement.value;
			case 'in':
				return value !== undefined && requirement.values.includes(value);
			case 'notin':
				return value === undefined || !requirement.values.includes(value);
			case '>':
			case '<': {
				const number = Number(value);
				if (value === undefined || !Number.isInteger(number)) return false;
				return requirement.op === '>' ? number > requirement.value : number < requirement.value;
			}
		}
	});
}

/** Field selectors the real apiserver supports per kind, beyond metadata.name and metadata.namespace. */
const extraFields: Record<string, string[]> = {
	Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
	Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
	Secret: ['type'],
	Namespace: ['status.phase'],
	ReplicaSet: ['status.replicas'],
	Job: ['status.successful'],
};

/** Parses a fieldSelector for objects of `kind`; `custom` picks the CRD wording for unknown fields. */
export function parseFieldSelector(text: string, kind: string, custom: boolean): ParseResult<FieldSelector> {
	const allowed = ['metadata.name', 'metadata.namespace', ...(extraFields[kind] ?? [])];
	const selector: FieldSelector = [];
	for (const term of splitTerms(text)) {
		const match = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
		if (!match) return {ok: false, message: `invalid selector: '${text}'; can't understand '${term}'`};
		const [, field, op, value] = match as unknown as [string, string, string, string];
		if (!allowed.includes(field)) {
			return {
				ok: false,
				message: custom ? `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"` : `field label not supported: ${field}`,
			};
		}
		selector.push({field, op: op === '!=' ? '!=' : '=', value});
	}
	return {ok: true, value: selector};
}

function fieldValue(object: KubeObject, path: string): string {
	let current: unknown = object;
	for (const part of path.split('.')) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
	if (path === 'source' && current && typeof current === 'object') current = (current as Record<string, unknown>)['component'];
	return current === undefined || current === null ? '' : String(current);
}

/** True when the object satisfies every field term (absent fields compare as ""). */
export function matchesFields(selector: FieldSelector, object: KubeObject): boolean {
	return selector.every(term => (fieldValue(object, term.field) === term.value) === (term.op === '='));
}
