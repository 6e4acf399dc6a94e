/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`), parsed exactly and written back the way the apiserver
 * serialises resource.Quantity, so `1000m` and `1` compare equal and the sandbox stores what a real cluster
 * stores. Pure: the domain compares desired and live quantities with it, the sandbox canonicalises with it.
 */

/** How the quantity was written; the canonical spelling keeps the family (decimal, binary, exponent). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact quantity: `mantissa × 10^exponent`, never finer than nano (10^-9), as the apiserver rounds. */
export type Quantity = {mantissa: bigint; exponent: number; format: QuantityFormat};

/** A parse result: expected failures are values. */
export type QuantityResult =
	| {ok: true; value: Quantity}
	| {ok: false; error: {kind: 'invalid-quantity'; message: string}};

const decimalSuffixes: Record<string, number> = {n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18};
const binarySuffixes: Record<string, number> = {Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60};
const suffixByDecimalExponent = new Map(Object.entries(decimalSuffixes).map(([suffix, exponent]) => [exponent, suffix]));
const binaryNames = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const number = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
const nanoExponent = -9;

/** Parses a quantity as the apiserver does; JSON numbers (`cpu: 1`) are accepted like their decimal text. */
export function parseQuantity(input: string | number): QuantityResult {
	const text = typeof input === 'number' ? numberText(input) : input;
	const invalid = (): QuantityResult => ({ok: false, error: {kind: 'invalid-quantity', message: `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(text)}`}});
	const match = number.exec(text);
	if (!match) return invalid();
	const [, sign, whole = '', fraction = '', suffix = ''] = match;
	if (whole === '' && fraction === '') return invalid();
	const unit = interpretSuffix(suffix);
	if (!unit) return invalid();
	let mantissa = BigInt(`${whole}${fraction}` || '0');
	let exponent = -fraction.length;
	if (unit.base === 2) mantissa *= 2n ** BigInt(unit.power);
	else exponent += unit.power;
	if (sign === '-') mantissa = -mantissa;
	if (exponent < nanoExponent) {
		// Finer than nano: the apiserver rounds away from zero to whole nanos.
		const divisor = 10n ** BigInt(nanoExponent - exponent);
		const quotient = mantissa / divisor;
		mantissa = quotient * divisor === mantissa ? quotient : quotient + (mantissa < 0n ? -1n : 1n);
		exponent = nanoExponent;
	}
	return {ok: true, value: {mantissa, exponent, format: unit.format}};
}

/** Writes a quantity in the apiserver's canonical spelling (`1000m` → `1`, `0.5Gi` → `512Mi`, `1.5` → `1500m`). */
export function formatQuantity(quantity: Quantity): string {
	if (quantity.mantissa === 0n) return '0';
	if (quantity.format === 'BinarySI') {
		const whole = integerValue(quantity);
		// Below 1Ki, or not a whole number of bytes, binary suffixes would round: the server writes decimal.
		if (whole !== undefined && (whole >= 1024n || whole <= -1024n)) return formatBinary(whole);
		return formatDecimal(quantity, 'DecimalSI');
	}
	return formatDecimal(quantity, quantity.format);
}

/** The canonical spelling of a quantity text, or undefined when it is not a quantity. */
export function canonicalQuantity(input: string | number): string | undefined {
	const parsed = parseQuantity(input);
	return parsed.ok ? formatQuantity(parsed.value) : undefined;
}

/** Whether a text is already spelled the way the server would store it. */
export function isCanonicalQuantity(text: string): boolean {
	return canonicalQuantity(text) === text;
}

/** Orders two quantities by value: negative, zero or positive; undefined when either is not a quantity. */
export function compareQuantities(a: string | number, b: string | number): number | undefined {
	const left = parseQuantity(a);
	const right = parseQuantity(b);
	if (!left.ok || !right.ok) return undefined;
	const exponent = Math.min(left.value.exponent, right.value.exponent);
	const difference = scaleTo(left.value, exponent) - scaleTo(right.value, exponent);
	return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** Whether two quantities are equal in value (`1000m` and `1`); undefined when either is not a quantity. */
export function quantitiesEqual(a: string | number, b: string | number): boolean | undefined {
	const order = compareQuantities(a, b);
	return order === undefined ? undefined : order === 0;
}

/** The quantity's value as a JS number (for display and arithmetic where exactness does not matter). */
export function quantityToNumber(quantity: Quantity): number {
	return Number(quantity.mantissa) * 10 ** quantity.exponent;
}

function interpretSuffix(suffix: string): {base: 2 | 10; power: number; format: QuantityFormat} | undefined {
	if (suffix in decimalSuffixes) return {base: 10, power: decimalSuffixes[suffix]!, format: 'DecimalSI'};
	if (suffix in binarySuffixes) return {base: 2, power: binarySuffixes[suffix]!, format: 'BinarySI'};
	const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
	if (exponent) return {base: 10, power: Number(exponent[1]), format: 'DecimalExponent'};
	return undefined;
}

function formatDecimal(quantity: Quantity, format: 'DecimalSI' | 'DecimalExponent'): string {
	let {mantissa, exponent} = quantity;
	// Absorb trailing zeros, then step down to a multiple of three (the SI suffixes' spacing).
	while (mantissa % 10n === 0n) {
		mantissa /= 10n;
		exponent += 1;
	}
	const offset = ((exponent % 3) + 3) % 3;
	mantissa *= 10n ** BigInt(offset);
	exponent -= offset;
	if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
	if (exponent > 18) {
		// Beyond exa there is no suffix: write more digits instead.
		mantissa *= 10n ** BigInt(exponent - 18);
		exponent = 18;
	}
	return `${mantissa}${suffixByDecimalExponent.get(exponent) ?? ''}`;
}

function formatBinary(value: bigint): string {
	let amount = value;
	let power = 0;
	while (power < binaryNames.length - 1 && amount % 1024n === 0n) {
		amount /= 1024n;
		power += 1;
	}
	return `${amount}${binaryNames[power]}`;
}

function integerValue(quantity: Quantity): bigint | undefined {
	if (quantity.exponent >= 0) return quantity.mantissa * 10n ** BigInt(quantity.exponent);
	const divisor = 10n ** BigInt(-quantity.exponent);
	return quantity.mantissa % divisor === 0n ? quantity.mantissa / divisor : undefined;
}

function scaleTo(quantity: Quantity, exponent: number): bigint {
	return quantity.mantissa * 10n ** BigInt(quantity.exponent - exponent);
}

function numberText(value: number): string {
	// JS writes 1e21 as "1e+21"; the quantity grammar wants a plain exponent.
	return String(value).replace('e+', 'e');
}
