import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector} from '../../source/sandbox/selectors.js';

function labels(text: string) {
	const parsed = parseLabelSelector(text);
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.value;
}

describe('label selectors', () => {
	const web = {app: 'web', tier: 'front', env: 'prod'};
	const db = {app: 'db', env: 'dev'};

	it.each([
		['app=web', true, false],
		['app==web', true, false],
		['app!=web', false, true],
		['tier', true, false],
		['!tier', false, true],
		['env in (prod, staging)', true, false],
		['env notin (prod)', false, true],
		['app=web,env=prod', true, false],
		['app=web,env=dev', false, false],
		['', true, true],
	])('%s', (text, matchesWeb, matchesDb) => {
		expect(matchesLabels(labels(text), web)).toBe(matchesWeb);
		expect(matchesLabels(labels(text), db)).toBe(matchesDb);
	});

	it('treats a missing label as not equal and not in a set', () => {
		expect(matchesLabels(labels('tier!=front'), db)).toBe(true);
		expect(matchesLabels(labels('tier notin (front)'), db)).toBe(true);
		expect(matchesLabels(labels('tier in (front)'), undefined)).toBe(false);
	});

	it('rejects malformed selectors with a message', () => {
		const parsed = parseLabelSelector('app=web,=oops');
		expect(parsed.ok).toBe(false);
		expect(parsed.ok ? '' : parsed.message).toMatch(/unable to parse requirement/);
	});
});

describe('field selectors', () => {
	const object: KubeObject = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web-1', namespace: 'shop'}, status: {phase: 'Running'}};

	it('matches metadata.name and metadata.namespace with =, == and !=', () => {
		const parse = (text: string) => {
			const parsed = parseFieldSelector(text, 'Pod', false);
			if (!parsed.ok) throw new Error(parsed.message);
			return parsed.value;
		};
		expect(matchesFields(parse('metadata.name=web-1'), object)).toBe(true);
		expect(matchesFields(parse('metadata.namespace==shop,metadata.name!=web-2'), object)).toBe(true);
		expect(matchesFields(parse('metadata.namespace!=shop'), object)).toBe(false);
		expect(matchesFields(parse('status.phase=Running'), object)).toBe(true);
	});

	it('refuses unknown fields with the wording of built-ins and of custom resources', () => {
		const builtin = parseFieldSelector('spec.replicas=1', 'Deployment', false);
		const custom = parseFieldSelector('spec.suspend=true', 'Kustomization', true);
		expect(builtin).toEqual({ok: false, message: 'field label not supported: spec.replicas'});
		expect(custom).toEqual({ok: false, message: '"spec.suspend" is not a known field selector: only "metadata.name", "metadata.namespace"'});
	});
});
