export {
  type CustomerFilterName,
  type CustomerFilters,
  type CustomerListParams,
  type CustomerQuery,
  customerFilterNames,
  type DateRange,
  defaultPageLimit,
  filterNamesInUse,
  isIdGreater,
  matchesCustomerFilters,
  maxPageLimit,
  type PageParams,
  parseCustomerListParams,
  parsePageParams,
} from './customer-query';
export { createPageTokenCodec, type PageTokenCodec } from './page-token';
export { zodIssuesToInputIssues } from './zod-issues';
