/**
 * Record ids per export set. HubSpot ids are increasing integers with gaps (contacts and deals
 * from separate ranges); Salesforce ids are 15-character base-62 ids with key prefixes
 * (00Q lead, 006 opportunity, 001 account, 005 user, 00G queue), written in 18-character form
 * by the Data Loader and in 15-character form by reports.
 */

import { salesforceId15, salesforceId18 } from "./format.js";
import { SALES } from "./model.js";
import { Prng } from "./prng.js";
import type { Company, World } from "./world.js";

export interface ExportIds {
  hubspotContact: string[];
  hubspotDeal: string[];
  /** 18-character lead ids. */
  salesforceLead: string[];
  /** 15-character opportunity ids (the report's form). */
  salesforceOpportunity: string[];
  salesforceAccount: Map<Company, string>;
  /** 18-character user ids of the six owners. */
  salesforceOwner: string[];
  /** The marketing queue that owns leads not yet handed to sales. */
  salesforceQueue: string;
  /** Counters for extra (dirty) rows, past the world's ids. */
  nextHubspotContact: number;
  nextHubspotDeal: number;
  nextSalesforce: number;
}

export function assignIds(world: World): ExportIds {
  const r = new Prng(world.seed).fork("ids");
  let contact = 51_204_000_000 + r.int(0, 9_999);
  const hubspotContact = world.leads.map(() => {
    contact += r.int(1, 2_400);
    return String(contact);
  });
  let deal = 19_870_000_000 + r.int(0, 9_999);
  const hubspotDeal = world.deals.map(() => {
    deal += r.int(1, 90_000);
    return String(deal);
  });
  let counter = 1_000_000 + r.int(0, 100_000);
  const next = (): number => {
    counter += r.int(1, 40);
    return counter;
  };
  const salesforceLead = world.leads.map(() => salesforceId18(salesforceId15("00Q", next())));
  const salesforceOpportunity = world.deals.map(() => salesforceId15("006", next()));
  const salesforceAccount = new Map<Company, string>();
  for (const lead of world.leads) {
    if (!salesforceAccount.has(lead.company)) {
      salesforceAccount.set(lead.company, salesforceId15("001", next()));
    }
  }
  const salesforceOwner = SALES.owners.map(() => salesforceId18(salesforceId15("005", next())));
  const salesforceQueue = salesforceId18(salesforceId15("00G", next()));
  return {
    hubspotContact,
    hubspotDeal,
    salesforceLead,
    salesforceOpportunity,
    salesforceAccount,
    salesforceOwner,
    salesforceQueue,
    nextHubspotContact: contact,
    nextHubspotDeal: deal,
    nextSalesforce: counter,
  };
}
