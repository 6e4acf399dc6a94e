import type {KubeObject} from '../kube-object.js';
import {statusOf} from './conditions.js';
import {health, type Health} from './health.js';

/** PersistentVolumeClaim by phase: Bound → Healthy, Pending → Progressing, Lost → Degraded. */
export function pvcHealth(object: KubeObject): Health {
	switch (statusOf(object).phase) {
		case 'Bound': {
			return health('Healthy');
		}

		case 'Pending': {
			return health('Progressing', 'Waiting for the claim to be bound');
		}

		case 'Lost': {
			return health('Degraded', 'The claim lost its volume');
		}

		default: {
			return health('Unknown');
		}
	}
}
