/**
 * Just enough of Kubernetes' protobuf encoding to read the bodies kubectl's typed clients send as
 * `application/vnd.kubernetes.protobuf` (`kubectl create <kind>`, `run`, `auth can-i`, `auth
 * whoami`). Answers still go out as JSON, which those clients accept too. Go writes every
 * non-pointer field, so empty strings, zeros and false are dropped as JSON's omitempty would.
 */
import {kindSchemas, type Field, type Schema} from './protobuf-schemas.js';

type Wire = Array<[field: number, value: number | Uint8Array]>;

const magic = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"

function readVarint(bytes: Uint8Array, start: number): [number, number] {
	let value = 0;
	let shift = 0;
	let offset = start;
	for (;;) {
		const byte = bytes[offset++];
		if (byte === undefined) throw new Error('truncated varint');
		value += (byte & 0x7f) * 2 ** shift;
		if ((byte & 0x80) === 0) return [value, offset];
		shift += 7;
	}
}

/** Splits a message into its fields; fixed-width fields are skipped. */
function readWire(bytes: Uint8Array): Wire {
	const fields: Wire = [];
	let offset = 0;
	while (offset < bytes.length) {
		const [key, next] = readVarint(bytes, offset);
		offset = next;
		const field = Math.floor(key / 8);
		const wire = key & 7;
		if (wire === 0) {
			const [value, after] = readVarint(bytes, offset);
			fields.push([field, value]);
			offset = after;
		} else if (wire === 2) {
			const [length, start] = readVarint(bytes, offset);
			if (start + length > bytes.length) throw new Error('truncated field');
			fields.push([field, bytes.subarray(start, start + length)]);
			offset = start + length;
		} else if (wire === 1) offset += 8;
		else if (wire === 5) offset += 4;
		else throw new Error(`unsupported protobuf wire type ${wire}`);
	}
	return fields;
}

const text = (value: number | Uint8Array) => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value));
const bytes = (value: number | Uint8Array) => (value instanceof Uint8Array ? value : new Uint8Array());
/** Varints of negative int32/int64 come as 64-bit two's complement. */
const integer = (value: number | Uint8Array) => (typeof value === 'number' ? (value >= 2 ** 63 ? value - 2 ** 64 : value) : 0);

function entries(value: number | Uint8Array, decodeValue: (raw: number | Uint8Array) => unknown): [string, unknown] {
	const wire = readWire(bytes(value));
	const key = wire.find(([field]) => field === 1)?.[1];
	const raw = wire.find(([field]) => field === 2)?.[1];
	return [key === undefined ? '' : text(key), raw === undefined ? decodeValue(new Uint8Array()) : decodeValue(raw)];
}

/** One field's value, or undefined when it is empty and JSON would omit it. */
function decodeValue(field: Field, raw: number | Uint8Array): unknown {
	switch (field.type) {
		case 'string': {
			const value = text(raw);
			return value === '' && !field.pointer ? undefined : value;
		}
		case 'bytes':
			return Buffer.from(bytes(raw)).toString('base64');
		case 'int': {
			const value = integer(raw);
			return value === 0 && !field.pointer ? undefined : value;
		}
		case 'bool':
			return raw === 0 && !field.pointer ? undefined : raw !== 0;
		case 'intOrString': {
			const wire = readWire(bytes(raw));
			const get = (n: number) => wire.find(([number]) => number === n)?.[1];
			const kind = get(1);
			if (kind === 1) return text(get(3) ?? new Uint8Array());
			const value = integer(get(2) ?? 0);
			return value === 0 ? undefined : value;
		}
		case 'time': {
			const seconds = readWire(bytes(raw)).find(([number]) => number === 1)?.[1];
			return typeof seconds === 'number' && seconds > 0 ? new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z') : undefined;
		}
		default:
			return decodeMessage(field.type as Schema, bytes(raw));
	}
}

function decodeMessage(schema: Schema, message: Uint8Array): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [number, raw] of readWire(message)) {
		const field = schema[number];
		if (!field) continue;
		let value: unknown;
		if (field.type === 'map' || field.type === 'bytesMap' || field.type === 'quantityMap') {
			const decode =
				field.type === 'map'
					? text
					: field.type === 'bytesMap'
						? (v: number | Uint8Array) => Buffer.from(bytes(v)).toString('base64')
						: (v: number | Uint8Array) => text(readWire(bytes(v)).find(([n]) => n === 1)?.[1] ?? new Uint8Array());
			const [key, entry] = entries(raw, decode);
			result[field.name] = {...(result[field.name] as object), [key]: entry};
			continue;
		}
		value = decodeValue(field, raw);
		if (value === undefined) continue;
		if (field.inline && typeof value === 'object') Object.assign(result, value);
		else if (field.repeated) result[field.name] = [...((result[field.name] as unknown[]) ?? []), value];
		else result[field.name] = value;
	}
	return result;
}

/** True when the body starts with the Kubernetes protobuf magic. */
export function isKubernetesProtobuf(body: Uint8Array): boolean {
	return magic.every((byte, index) => body[index] === byte);
}

/** Decodes a protobuf-encoded object (runtime.Unknown envelope) into the JSON object the handlers take. */
export function decodeKubernetesProtobuf(body: Uint8Array): {ok: true; value: Record<string, unknown>} | {ok: false; message: string} {
	if (!isKubernetesProtobuf(body)) return {ok: false, message: 'the protobuf body lacks the Kubernetes envelope'};
	try {
		const envelope = readWire(body.subarray(magic.length));
		const typeMeta = readWire(bytes(envelope.find(([field]) => field === 1)?.[1] ?? new Uint8Array()));
		const apiVersion = text(typeMeta.find(([field]) => field === 1)?.[1] ?? new Uint8Array());
		const kind = text(typeMeta.find(([field]) => field === 2)?.[1] ?? new Uint8Array());
		const schema = kindSchemas[`${apiVersion}/${kind}`];
		if (!schema) return {ok: false, message: `the sandbox reads protobuf only for ${Object.keys(kindSchemas).join(', ')}; send ${apiVersion} ${kind} as JSON`};
		const object = decodeMessage(schema, bytes(envelope.find(([field]) => field === 2)?.[1] ?? new Uint8Array()));
		return {ok: true, value: {apiVersion, kind, metadata: {}, ...object}};
	} catch (error) {
		return {ok: false, message: `invalid protobuf body: ${error instanceof Error ? error.message : String(error)}`};
	}
}
