/**
 * Server-side printing: the `meta.k8s.io/v1` Table `kubectl get` asks for, and the
 * PartialObjectMetadata forms metadata-only clients ask for, negotiated from the Accept header.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {Registry} from './registry.js';
import {builtinColumns, evaluateJsonPath, since, type Column} from './table-columns.js';
import type {ResourceType} from './types.js';

/** What the client asked for in Accept. */
export type Representation = 'object' | 'table' | 'partial';

/** Picks the first representation the Accept header names that the sandbox serves. */
export function negotiate(accept: string | undefined): Representation {
	for (const part of (accept ?? '').split(',')) {
		const params = part.split(';').slice(1).map(p => p.trim());
		const as = params.find(p => p.startsWith('as='))?.slice(3);
		if (as === 'Table') return 'table';
		if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return 'partial';
		if (as === undefined && /json|\*\/\*|yaml/.test(part)) return 'object';
	}
	return 'object';
}

const nameColumn = {name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0};

function columnsFor(registry: Registry, type: ResourceType): Column[] {
	const printer = registry.printerColumns(type);
	if (printer && printer.length > 0) {
		return printer.map(column => ({
			name: column.name,
			type: column.type === 'integer' ? 'integer' : 'string',
			priority: column.priority,
			cell: (object, now) => {
				const value = evaluateJsonPath(object, column.jsonPath);
				if (column.type === 'date') return typeof value === 'string' ? since(value, now) : '';
				return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : (value as string | number);
			},
		}));
	}
	if (registry.isCustom(type)) return [{name: 'Age', type: 'string', cell: (o, now) => since(o.metadata.creationTimestamp, now)}];
	return builtinColumns[type.kind] ?? [{name: 'Age', type: 'string', cell: (o, now) => since(o.metadata.creationTimestamp, now)}];
}

/** An object reduced to PartialObjectMetadata. */
export function partial(object: KubeObject) {
	return {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata};
}

/** A Table of the given objects; `includeObject` is the request's (None, Metadata (default) or Object). */
export function toTable(options: {
	registry: Registry;
	type: ResourceType;
	objects: KubeObject[];
	now: Date;
	includeObject: string | null;
	listMetadata: Record<string, unknown>;
	noHeaders?: boolean;
}) {
	const columns = columnsFor(options.registry, options.type);
	const table: Record<string, unknown> = {kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: options.listMetadata};
	// The name comes first unless the kind places it itself.
	const leadingName = !columns.some(c => c.format === 'name');
	if (!options.noHeaders) {
		const definitions = columns.map(c => ({name: c.name, type: c.type, format: c.format ?? '', description: c.name, priority: c.priority ?? 0}));
		table['columnDefinitions'] = leadingName ? [nameColumn, ...definitions] : definitions;
	}
	table['rows'] = options.objects.map(object => {
		const cells = columns.map(c => c.cell(object, options.now));
		const row: Record<string, unknown> = {cells: leadingName ? [object.metadata.name, ...cells] : cells};
		if (options.includeObject === 'Object') row['object'] = object;
		else if (options.includeObject !== 'None') row['object'] = partial(object);
		return row;
	});
	return table;
}
