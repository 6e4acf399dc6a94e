import {useEffect, useState} from 'react';

/** The current time, refreshed every `intervalMs` (for "fetched 3m ago"); static when undefined. */
export function useNow(intervalMs: number | undefined): Date {
	const [now, setNow] = useState(() => new Date());
	useEffect(() => {
		if (!intervalMs) return;
		const timer = setInterval(() => setNow(new Date()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return now;
}
