export { type Address, addressSchema, type Country, countrySchema, type State, stateSchema } from './address';
export { type Dates, datesSchema, isoUtcSchema, type Status, statusSchema } from './common';
export { type Customer, customerSchema, viewedCustomerSchema } from './customer';
export {
  type AddressInput,
  addressInputSchema,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  customerCreateInputSchema,
  customerUpdateInputSchema,
} from './customer-input';
export {
  type Order,
  type OrderItem,
  type OrderTotals,
  orderItemSchema,
  orderSchema,
  orderTotalsSchema,
} from './order';
