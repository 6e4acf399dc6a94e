import {Text} from 'ink';
import type {ReactNode} from 'react';
import {useTheme} from './theme-context.js';
import type {StyleToken} from './theme.js';

/** Text styled by meaning: `<Styled token="sync.drifted">`. */
export function Styled({token, children}: {token: StyleToken; children: ReactNode}) {
	const style = useTheme().style(token);
	return <Text {...style}>{children}</Text>;
}
