import {X509Certificate, createPrivateKey} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {startSandbox} from '../../source/sandbox/index.js';
import {createSelfSignedCert} from '../../source/sandbox/tls/self-signed-cert.js';

describe('self-signed certificate', () => {
	it('is a CA for 127.0.0.1 and localhost, valid from just before now, signed by its own key', () => {
		const now = new Date('2026-05-01T12:00:00Z');
		const {cert, key} = createSelfSignedCert({now, days: 30});
		const x509 = new X509Certificate(cert);
		expect(x509.ca).toBe(true);
		expect(x509.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
		expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
		expect(new Date(x509.validFrom).getTime()).toBeLessThan(now.getTime());
		expect(new Date(x509.validTo).getTime()).toBe(now.getTime() + 30 * 24 * 3600 * 1000);
		expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
		expect(x509.verify(x509.publicKey)).toBe(true);
	});

	it('makes a new key every time', () => {
		const now = new Date();
		expect(createSelfSignedCert({now}).key).not.toBe(createSelfSignedCert({now}).key);
	});
});

describe('sandbox start-up', () => {
	it('starts its HTTPS server with a fresh certificate 50 times in a row', async () => {
		for (let round = 0; round < 50; round++) {
			const sandbox = await startSandbox({simulate: false});
			try {
				expect(new X509Certificate(sandbox.caCertificate).checkIP('127.0.0.1')).toBe('127.0.0.1');
			} finally {
				await sandbox.stop();
			}
		}
	}, 60_000);
});
