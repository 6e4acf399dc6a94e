/** The kustomization file names kustomize accepts, and whether a directory has one. */
import {stat} from 'node:fs/promises';
import path from 'node:path';

/** The file names kustomize accepts as a kustomization. */
export const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Whether dir holds a kustomization file (following symlinks: callers check the boundary themselves). */
export async function hasKustomization(dir: string): Promise<boolean> {
	for (const name of kustomizationFileNames) {
		try {
			if ((await stat(path.join(dir, name))).isFile()) return true;
		} catch {
			// Not this name.
		}
	}
	return false;
}
