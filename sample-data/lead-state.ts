/**
 * What a CRM shows about a simulated lead today: lifetime engagement counts (flat-export
 * properties), its current stage, and the ids each export set gives it.
 */
import { CALENDAR } from "./model.js";
import type { Deal, Lead, World } from "./world.js";

export interface LifetimeCounts {
  pageViews: number;
  formSubmissions: number;
  sessions: number;
  emailClicks: number;
}

/**
 * HubSpot-style lifetime counts as of today: page views include pricing views; form
 * submissions include content downloads, demo requests and webinar registrations; a session
 * is a calendar day (portal time, passed in as `dayOf`) with any website event. Untracked
 * browsing (page views not in the activity log) adds to page views and sessions.
 */
export function lifetimeCounts(lead: Lead, dayOf: (t: number) => string): LifetimeCounts {
  const counts = { pageViews: 0, formSubmissions: 0, sessions: 0, emailClicks: 0 };
  const days = new Set<string>();
  for (const e of lead.events) {
    if (e.at > CALENDAR.today) continue;
    switch (e.type) {
      case "page_view":
      case "pricing_view":
        counts.pageViews++;
        days.add(dayOf(e.at));
        break;
      case "form_submit":
      case "content_download":
      case "demo_request":
        counts.formSubmissions++;
        days.add(dayOf(e.at));
        break;
      case "webinar":
        counts.formSubmissions++;
        break;
      case "email_click":
        counts.emailClicks++;
        break;
      default:
        break;
    }
  }
  counts.pageViews += lead.untracked.pageViews;
  counts.sessions = days.size + lead.untracked.sessions;
  return counts;
}

export type Stage =
  | "lead"
  | "mql_untouched"
  | "mql_working"
  | "disqualified"
  | "open_deal"
  | "won"
  | "lost";

/** The lead's current stage, from its deal if it has one. */
export function currentStage(lead: Lead, world: World): Stage {
  const deal = dealOf(lead, world);
  if (deal) return deal.outcome === "won" ? "won" : deal.outcome === "lost" ? "lost" : "open_deal";
  if (lead.mqlAt === undefined) return "lead";
  if (lead.disqualifiedAt !== undefined && lead.disqualifiedAt > lead.mqlAt) return "disqualified";
  if (lead.touch === "on_time" || lead.touch === "late") return "mql_working";
  return "mql_untouched";
}

export function dealOf(lead: Lead, world: World): Deal | undefined {
  return lead.deal === undefined ? undefined : world.deals[lead.deal];
}
