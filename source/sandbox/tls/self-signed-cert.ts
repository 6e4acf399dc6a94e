/**
 * A self-signed certificate for 127.0.0.1, made at start-up. kubectl only sends bearer tokens over
 * TLS (client-go drops credentials for plain-HTTP servers), so the sandbox serves HTTPS and puts
 * this certificate into the kubeconfig as certificate-authority-data.
 */
import {generateKeyPairSync, randomBytes, sign} from 'node:crypto';
import {bitString, boolean, contextTag, integer, octetString, oid, sequence, set, time, utf8String} from './der.js';

/** PEM-encoded key and certificate; the certificate doubles as its own CA. */
export type SelfSignedCert = {key: string; cert: string};

const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
	return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

/** Creates a fresh P-256 key and a certificate valid for 127.0.0.1 and localhost. */
export function createSelfSignedCert(options: {
	now: Date;
	commonName?: string;
	days?: number;
	/** Big-endian serial bytes (tests force leading zeros); random by default. */
	serial?: Uint8Array;
}): SelfSignedCert {
	const {privateKey, publicKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
	const name = sequence(set(sequence(oid('2.5.4.3'), utf8String(options.commonName ?? 'gitops-tui-sandbox'))));
	const notBefore = new Date(options.now.getTime() - 60 * 60 * 1000);
	const notAfter = new Date(options.now.getTime() + (options.days ?? 365) * 24 * 60 * 60 * 1000);
	const serial = options.serial ?? randomSerial();
	const altNames = sequence(contextTag(7, Buffer.from([127, 0, 0, 1]), false), contextTag(2, Buffer.from('localhost', 'ascii'), false));
	const extensions = sequence(
		extension('2.5.29.19', true, sequence(boolean(true))), // basicConstraints CA:TRUE, so it can be its own root
		extension('2.5.29.15', true, bitString(Buffer.from([0x84]), 2)), // keyUsage digitalSignature, keyCertSign
		extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage serverAuth
		extension('2.5.29.17', false, altNames),
	);
	const tbs = sequence(
		contextTag(0, integer(Buffer.from([2])), true), // v3
		integer(serial),
		ecdsaWithSha256,
		name,
		sequence(time(notBefore), time(notAfter)),
		name,
		publicKey.export({type: 'spki', format: 'der'}),
		contextTag(3, extensions, true),
	);
	const signature = sign('sha256', tbs, privateKey);
	const der = sequence(tbs, ecdsaWithSha256, bitString(signature));
	return {
		key: privateKey.export({type: 'pkcs8', format: 'pem'}).toString(),
		cert: pem('CERTIFICATE', der),
	};
}

/**
 * RFC 5280 4.1.2.2: a positive serial of at most 20 octets. 16 random bytes, never zero; about one in
 * 256 starts with a zero byte, which integer() drops (DER allows no leading zeros).
 */
function randomSerial(): Uint8Array {
	const serial = randomBytes(16);
	serial[15] = serial[15]! | 1;
	return serial;
}

function pem(label: string, der: Uint8Array): string {
	const base64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
	return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}
