import { sql, type Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// A letter to a person with protected personal data (skyddad folkbokföring or
// sekretessmarkering) goes by post through Skatteverket's mail forwarding (särskild
// postförmedling): an inner envelope with the recipient's personal identity number, inside an
// outer envelope to Skatteverket. The platform never knows the address, so such a letter is
// no longer 'undeliverable'.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table decision_deliveries drop constraint decision_deliveries_channel_check`.execute(db);
  await sql`alter table decision_deliveries add constraint decision_deliveries_channel_check
    check (channel in ('my-pages', 'digital-mailbox', 'post', 'post-via-skatteverket', 'undeliverable'))`.execute(db);
}
