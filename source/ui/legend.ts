/** The glyph legend for `?`: what each mark means, in the theme's own glyphs (Unicode or ASCII); short lines, as it shares the help's right column. */
import type {Theme} from './theme.js';

export function glyphLegend(theme: Theme): string[] {
	const g = (token: Parameters<Theme['glyph']>[0]) => theme.glyph(token);
	return [
		`${g('synced')} synced ${g('drifted')} drifted ${g('missing')} missing`,
		`${g('extra')} extra ${g('unknown')} unknown or stale`,
		`${g('healthy')} healthy ${g('progressing')} progressing`,
		`${g('degraded')} degraded ${g('suspended')} suspended`,
		`CTRL ${g('unknown')}: its source fails`,
		`sha ${g('down')}N: N commits behind`,
		`TITLE${g('down')}: sorted by it (s)`,
	];
}
