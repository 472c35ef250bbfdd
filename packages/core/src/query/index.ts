export {
  type CustomerFilterName,
  type CustomerFilters,
  type CustomerListParams,
  type CustomerQuery,
  customerFilterNames,
  type DateRange,
  defaultPageLimit,
  type FilterableCustomer,
  filterNamesInUse,
  isIdGreater,
  matchesCustomerFilters,
  maxFilterIds,
  maxFilterTextLength,
  maxPageLimit,
  numericIdPattern,
  type PageParams,
  parseCustomerListParams,
  parsePageParams,
} from './customer-query';
export { decodeOffsetCursor, encodeOffsetCursor } from './offset-cursor';
export { createPageTokenCodec, type PageTokenCodec } from './page-token';
export { zodIssuesToInputIssues } from './zod-issues';
