/**
 * Just enough of Kubernetes' protobuf encoding to read the bodies kubectl's typed clients send
 * as `application/vnd.kubernetes.protobuf` (SelfSubjectAccessReview and SelfSubjectReview, for
 * `kubectl auth can-i` and `auth whoami`). Answers go out as JSON, which those clients also accept.
 */

/** Field number → raw values (numbers for varints, bytes for length-delimited fields). */
type Message = Map<number, Array<number | Uint8Array>>;

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

/** Decodes one message's fields; groups and fixed-width fields are skipped. */
function decodeMessage(bytes: Uint8Array): Message {
	const message: Message = new Map();
	let offset = 0;
	while (offset < bytes.length) {
		const [key, next] = readVarint(bytes, offset);
		offset = next;
		const field = Math.floor(key / 8);
		const wire = key & 7;
		let value: number | Uint8Array;
		if (wire === 0) [value, offset] = readVarint(bytes, offset);
		else if (wire === 2) {
			const [length, start] = readVarint(bytes, offset);
			value = bytes.subarray(start, start + length);
			offset = start + length;
		} else if (wire === 1) {
			offset += 8;
			continue;
		} else if (wire === 5) {
			offset += 4;
			continue;
		} else throw new Error(`unsupported protobuf wire type ${wire}`);
		const values = message.get(field) ?? [];
		values.push(value);
		message.set(field, values);
	}
	return message;
}

const text = (message: Message | undefined, field: number): string | undefined => {
	const value = message?.get(field)?.[0];
	return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : undefined;
};
const sub = (message: Message | undefined, field: number): Message | undefined => {
	const value = message?.get(field)?.[0];
	return value instanceof Uint8Array ? decodeMessage(value) : undefined;
};

function attributes(message: Message | undefined, names: Array<[number, string]>): Record<string, string> | undefined {
	if (!message) return undefined;
	const result: Record<string, string> = {};
	for (const [field, name] of names) {
		const value = text(message, field);
		if (value) result[name] = value;
	}
	return result;
}

/** True when the body starts with the Kubernetes protobuf magic. */
export function isKubernetesProtobuf(body: Uint8Array): boolean {
	return magic.every((byte, index) => body[index] === byte);
}

/**
 * Decodes a protobuf-encoded SelfSubjectAccessReview or SelfSubjectReview into the JSON object
 * the handlers take; other kinds give an error message.
 */
export function decodeReview(body: Uint8Array): {ok: true; value: Record<string, unknown>} | {ok: false; message: string} {
	try {
		const unknown = decodeMessage(body.subarray(magic.length));
		const typeMeta = sub(unknown, 1);
		const apiVersion = text(typeMeta, 1);
		const kind = text(typeMeta, 2);
		const raw = unknown.get(2)?.[0];
		const object = raw instanceof Uint8Array ? decodeMessage(raw) : new Map();
		if (kind === 'SelfSubjectReview') return {ok: true, value: {apiVersion, kind, metadata: {}}};
		if (kind !== 'SelfSubjectAccessReview') return {ok: false, message: `protobuf bodies are accepted only for self reviews, not ${kind}`};
		const spec = sub(object, 2);
		const resourceAttributes = attributes(sub(spec, 1), [
			[1, 'namespace'],
			[2, 'verb'],
			[3, 'group'],
			[4, 'version'],
			[5, 'resource'],
			[6, 'subresource'],
			[7, 'name'],
		]);
		const nonResourceAttributes = attributes(sub(spec, 2), [
			[1, 'path'],
			[2, 'verb'],
		]);
		const decodedSpec: Record<string, unknown> = {};
		if (resourceAttributes) decodedSpec['resourceAttributes'] = resourceAttributes;
		if (nonResourceAttributes) decodedSpec['nonResourceAttributes'] = nonResourceAttributes;
		return {ok: true, value: {apiVersion, kind, metadata: {}, spec: decodedSpec}};
	} catch (error) {
		return {ok: false, message: error instanceof Error ? error.message : String(error)};
	}
}
