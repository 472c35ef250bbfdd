/** How webhook deliveries reach the sync engine (SYNC-INTERFACE.md, Seam 3). */
export interface CustomerChangeHints {
  /**
   * Records durably that the platform said this customer changed or was deleted. The engine then
   * re-reads the customer from the platform soon after (a customer the platform no longer has is
   * deleted from the mirror), and the mirror/feed change follows. Resolves once recorded; never
   * waits for the re-read (the webhook answer must leave within 1 s).
   */
  customerChanged(storeId: string, customerId: string): Promise<void>;
}
