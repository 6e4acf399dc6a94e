import {createContext, useContext} from 'react';
import {createTheme, type Theme} from './theme.js';

const ThemeContext = createContext<Theme>(createTheme({colour: true, ascii: false}));

/** Provides the theme to every screen; the root picks it from the terminal. */
export const ThemeProvider = ThemeContext.Provider;

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
