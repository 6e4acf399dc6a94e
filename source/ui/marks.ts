/** Verdict and health words with their glyph and style token: the vocabulary every screen shares. */
import type {AppSync} from '../domain/app.js';
import type {HealthStatus} from '../domain/health/health.js';
import type {ResourceVerdict} from '../domain/verdict.js';
import type {GlyphToken, StyleToken} from './theme.js';

export type Mark = {glyph: GlyphToken; style: StyleToken; word: string};

export function syncMark(sync: AppSync): Mark {
	switch (sync) {
		case 'Synced':
			return {glyph: 'synced', style: 'sync.synced', word: 'Synced'};
		case 'OutOfSync':
			return {glyph: 'drifted', style: 'sync.drifted', word: 'OutOfSync'};
		case 'Unknown':
			return {glyph: 'unknown', style: 'sync.unknown', word: 'Unknown'};
	}
}

export function verdictMark(verdict: ResourceVerdict): Mark {
	switch (verdict) {
		case 'Synced':
			return {glyph: 'synced', style: 'sync.synced', word: 'Synced'};
		case 'Drifted':
			return {glyph: 'drifted', style: 'sync.drifted', word: 'Drifted'};
		case 'Missing':
			return {glyph: 'missing', style: 'sync.missing', word: 'Missing'};
		case 'Extra':
			return {glyph: 'extra', style: 'sync.extra', word: 'Extra'};
		case 'Unknown':
			return {glyph: 'unknown', style: 'sync.unknown', word: 'Unknown'};
	}
}

export function healthMark(health: HealthStatus): Mark {
	switch (health) {
		case 'Healthy':
			return {glyph: 'healthy', style: 'health.healthy', word: 'Healthy'};
		case 'Progressing':
			return {glyph: 'progressing', style: 'health.progressing', word: 'Progressing'};
		case 'Degraded':
			return {glyph: 'degraded', style: 'health.degraded', word: 'Degraded'};
		case 'Suspended':
			return {glyph: 'suspended', style: 'health.suspended', word: 'Suspended'};
		case 'Missing':
			return {glyph: 'missing', style: 'health.missing', word: 'Missing'};
		case 'Unknown':
			return {glyph: 'unknown', style: 'health.unknown', word: 'Unknown'};
	}
}
