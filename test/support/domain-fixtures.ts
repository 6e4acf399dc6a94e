import {readFileSync, readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadAll} from 'js-yaml';

/** The repo's fixtures/domain folder, found from this file so tests run from any working directory. */
export const domainFixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'domain');

/** Reads a JSON fixture under fixtures/domain. */
export function readDomainJson<T>(relativePath: string): T {
	return JSON.parse(readFileSync(join(domainFixturesDir, relativePath), 'utf8')) as T;
}

/** Reads every YAML document of a fixture under fixtures/domain. */
export function readDomainYaml<T>(relativePath: string): T[] {
	return loadAll(readFileSync(join(domainFixturesDir, relativePath), 'utf8')) as T[];
}

/** File names (sorted) under a fixtures/domain folder with the given extension. */
export function listDomainFixtures(folder: string, extension: string): string[] {
	return readdirSync(join(domainFixturesDir, folder))
		.filter(name => name.endsWith(extension))
		.sort();
}
