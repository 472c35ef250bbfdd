import type { AdapterDefinition, CommonAdapterSettings } from '../adapter/v1/adapter-definition';
import type { CustomerCreateInput, CustomerUpdateInput } from '../models/customer-input';
import type { UpstreamDouble } from './upstream-double';

/** What an adapter's suite gives `runAdapterConformance`. */
export interface UpstreamDoubleConformanceOptions<
  Credentials extends object,
  NativeCustomer,
  NativeOrder = unknown,
> {
  /** The adapter package's exported definition (`<id>Platform`). */
  readonly definition: AdapterDefinition<Credentials>;
  /** Credentials and settings pointing at the double. The kit adds short timeouts and retry waits. */
  readonly settings: (baseUrl: string) => Credentials & CommonAdapterSettings;
  /** Every credential value; none may appear in any error, message or cause. */
  readonly secrets: readonly string[];
  /** Creates the platform's test double. */
  readonly upstream: () => UpstreamDouble<NativeCustomer, NativeOrder>;
  readonly fixtures: {
    /**
     * At least five native customers from the platform sheet, with distinct emails, names, ids and
     * dates spread over time, so that every declared filter can include some and exclude others.
     */
    readonly customers: readonly NativeCustomer[];
    /** Orders of those customers; at least three for one customer (paging is checked with limit 2). */
    readonly orders?: readonly NativeOrder[];
  };
  /** A valid create for this platform (e.g. with the email it requires). */
  readonly createInput?: CustomerCreateInput;
  /** A valid partial update; default `{ firstName: 'Renamed' }`. */
  readonly updateInput?: CustomerUpdateInput;
}
