export { type CanonicalCountry, countryCodes, isCountryCode, toCountry } from './country';
export { toCurrencyCode } from './currency';
export { isDateOnly, isoToUnixSeconds, parsePlatformDate, toIsoUtc, unixSecondsToIsoUtc } from './date';
export { parseMoney } from './money';
export { joinFullName, type NameParts, splitFullName } from './name';
export { blankToNull, emailEquals, fullNameContains } from './text';
