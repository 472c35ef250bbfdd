import { createHash } from 'node:crypto';
import type { SeedAddress, SeedOrder, SeedPeople } from '../seed/seed-people';
import type {
  AmazonAddressRecord,
  AmazonFulfillmentStatus,
  AmazonMarketplace,
  AmazonMoneyRecord,
  AmazonOrderRecord,
} from './amazon-types';

const dayMs = 86_400_000;
/** Seed dates (2019 – mid 2025) are moved into the last ~700 days before the simulator's clock. */
const seedFrom = Date.UTC(2019, 0, 1);
const seedTo = Date.UTC(2025, 11, 31);

/** Amazon's `YYYY-MM-DDTHH:mm:ssZ`: whole seconds, UTC (sheet §10). */
export function amazonTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function moved(date: Date, nowMs: number): number {
  const share = (date.getTime() - seedFrom) / (seedTo - seedFrom);
  return nowMs - 700 * dayMs + Math.max(0, Math.min(1, share)) * 695 * dayMs;
}

/** A 15-character relay address of a buyer, stable for the seed (sheet §6: anonymized, per marketplace domain). */
function relayEmail(realEmail: string, domain: string): string {
  const local = BigInt(`0x${createHash('sha256').update(realEmail).digest('hex').slice(0, 20)}`)
    .toString(36)
    .slice(0, 15);
  return `${local}@${domain}`;
}

function money(cents: number, marketplace: AmazonMarketplace): AmazonMoneyRecord {
  // JPY has no minor unit: the seed's cents are read as yen.
  const amount = marketplace.decimals === 0 ? String(Math.round(cents)) : (cents / 100).toFixed(2);
  return { amount, currencyCode: marketplace.currencyCode };
}

function statusOf(order: SeedOrder, index: number): AmazonFulfillmentStatus {
  if (order.payment === 'cancelled' || order.payment === 'refunded') return 'CANCELLED';
  if (order.payment === 'pending') return 'PENDING';
  if (!order.fulfilled) return index % 9 === 4 ? 'PARTIALLY_SHIPPED' : 'UNSHIPPED';
  return 'SHIPPED';
}

function addressOf(address: SeedAddress, name: string | null): AmazonAddressRecord {
  return {
    ...(name === null ? {} : { name }),
    ...(address.company === null ? {} : { companyName: address.company }),
    addressLine1: address.address1,
    ...(address.address2 === null ? {} : { addressLine2: address.address2 }),
    // Amazon's own examples carry empty strings (sheet §12).
    addressLine3: '',
    city: address.city,
    ...(address.regionCode === null && address.regionName === null
      ? {}
      : { stateOrRegion: address.regionCode ?? address.regionName ?? '' }),
    ...(address.postalCode === null ? {} : { postalCode: address.postalCode }),
    countryCode: address.countryCode,
    ...(address.phone === null ? {} : { phone: address.phone }),
    addressType: address.company === null ? 'RESIDENTIAL' : 'COMMERCIAL',
  };
}

function orderIdOf(index: number): string {
  // 3-7-7 digits, as Amazon's order ids (sheet §12).
  const spread = (BigInt(index) * 7_919_113_457_931n + 40_213_879_113n) % 10n ** 14n;
  const digits = (111n * 10n ** 14n + spread).toString();
  return `${digits.slice(0, 3)}-${digits.slice(3, 10)}-${digits.slice(10, 17)}`;
}

/**
 * A seller's orders from the generated people (sheet §6, §7.1): one relay address per buyer, in
 * the domain of the marketplace they first bought in; some buyers buy in two marketplaces (two
 * currencies), some orders are FBA (no buyer data shown), pending or cancelled; names in many
 * scripts; some buyers without a name; the address is the order's delivery address.
 */
export function toAmazonOrders(
  people: SeedPeople,
  marketplaces: readonly AmazonMarketplace[],
  nowMs: number,
): AmazonOrderRecord[] {
  const orders: AmazonOrderRecord[] = [];
  const buyers = [
    ...people.customers.map((customer) => ({
      index: customer.index,
      email: customer.email,
      name:
        customer.index % 13 === 0
          ? null
          : [customer.firstName, customer.lastName].filter((part) => part !== null).join(' ') || null,
      address: customer.addresses[0] ?? null,
      orders: customer.orders,
    })),
    ...people.guestOrders.map((order, index) => ({
      index: people.customers.length + index,
      email: order.email,
      name:
        order.billing === null
          ? null
          : [order.billing.firstName, order.billing.lastName].filter(Boolean).join(' ') || null,
      address: order.billing,
      orders: [order],
    })),
  ];
  for (const buyer of buyers) {
    if (buyer.email === null) continue;
    const home = marketplaces[buyer.index % marketplaces.length] as AmazonMarketplace;
    const email = relayEmail(buyer.email, home.relayDomain);
    buyer.orders.forEach((order, position) => {
      const index = orders.length;
      // Every fourth buyer also bought in the next marketplace: one email, two currencies.
      const marketplace =
        buyer.index % 4 === 1 && position % 2 === 1
          ? (marketplaces[(buyer.index + 1) % marketplaces.length] as AmazonMarketplace)
          : home;
      const status = statusOf(order, index);
      const fulfilledBy = buyer.index % 10 === 7 ? 'AMAZON' : 'MERCHANT';
      const created = moved(order.createdAt, nowMs);
      const updated = Math.max(created + 1000, moved(order.updatedAt, nowMs));
      const itemTotal = order.subtotalCents;
      orders.push({
        orderId: orderIdOf(index),
        createdTime: amazonTime(created),
        lastUpdatedTime: amazonTime(updated),
        programs: index % 3 === 0 ? ['PRIME'] : [],
        salesChannel: {
          channelName: 'AMAZON',
          marketplaceId: marketplace.id,
          marketplaceName: marketplace.name,
        },
        buyer: {
          ...(buyer.name === null ? {} : { buyerName: buyer.name }),
          // The same buyer sometimes with other casing (sheet §6, unconfirmed; compared case-insensitively).
          buyerEmail: buyer.index % 11 === 5 && position === 0 ? email.toUpperCase() : email,
        },
        recipient:
          buyer.address === null
            ? {}
            : {
                deliveryAddress: addressOf(buyer.address, buyer.name),
                ...(buyer.address.note === null
                  ? {}
                  : { deliveryPreference: { addressInstruction: buyer.address.note } }),
              },
        proceeds: {
          grandTotal: money(order.totalCents, marketplace),
          breakdowns: [
            { type: 'ITEM', subtotal: money(itemTotal, marketplace) },
            { type: 'SHIPPING', subtotal: money(order.shippingCents, marketplace) },
            { type: 'TAX', subtotal: money(order.taxCents, marketplace) },
            ...(order.discountCents === 0
              ? []
              : [{ type: 'DISCOUNT' as const, subtotal: money(-order.discountCents, marketplace) }]),
          ],
        },
        fulfillment: {
          fulfillmentStatus: status,
          fulfilledBy,
          fulfillmentServiceLevel: index % 5 === 0 ? 'EXPEDITED' : 'STANDARD',
        },
        orderItems: order.items.map((item, line) => ({
          orderItemId: String(36_218_845_120_911 + index * 10 + line),
          quantityOrdered: item.quantity,
          product: {
            asin: `B0${item.productId.toString(36).toUpperCase().padStart(8, '0')}`,
            title: item.name,
            ...(item.sku === null ? {} : { sellerSku: item.sku }),
            price: { unitPrice: money(item.unitPriceCents, marketplace) },
          },
        })),
      });
    });
  }
  return orders;
}
