export {
  type CustomerFilterName,
  type CustomerFilters,
  type CustomerListParams,
  type CustomerQuery,
  customerFilterNames,
  customerListParameterNames,
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
  pageParameterNames,
  parseCustomerListParams,
  parsePageParams,
} from './customer-query';
export { decodeOffsetCursor, encodeOffsetCursor } from './offset-cursor';
export { zodIssuesToInputIssues } from './zod-issues';
