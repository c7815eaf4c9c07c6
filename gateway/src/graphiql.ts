/**
 * The playground (GraphiQL, inlined: no CDN) as Lifestone opens it: in the
 * dashboard's dark theme unless the person chose another, on two tabs that
 * show what the graph is for, a query of the live fleet and a subscription
 * to the alerts, instead of GraphiQL's generic welcome.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
/** What Hive Gateway passes the renderer. */
type GraphiQLOptions = Parameters<typeof renderGraphiQL>[0];

/** The tabs the playground opens on when the browser has none stored. Checked against the public schema by the gateway's tests. */
export const PLAYGROUND_TABS: ReadonlyArray<{ query: string }> = [
  {
    query: `# Every live character, in one query.
# Ctrl-Enter (⌘-Enter) runs it; the Docs pane
# (top left) describes every field.
query LiveFleet {
  livePlayers {
    name
    state
    online
    lastSeen
    position {
      ns
      ew
    }
  }
}
`,
  },
  {
    query: `# Alerts as they are stored, live: deaths,
# rares, vortexes, idle and offline characters.
# Run it and watch the results pane: the Discord
# bot listens to the same subscription.
subscription FleetAlerts {
  alerts {
    id
    type
    character
    summary
    coordinates
    time
  }
}
`,
  },
];

/** GraphiQL keeps the person's theme here; set to dark on a first visit, as the dashboard is. */
const THEME_KEY = 'graphiql:theme';

/** Renders the playground page: Lifestone's tabs, the dark theme on a first visit. */
export function renderPlayground(options: GraphiQLOptions): string {
  const page = renderGraphiQL({ ...options, title: 'Lifestone playground', defaultTabs: PLAYGROUND_TABS.map((tab) => ({ ...tab })) });
  const darkFirst = `<script>try{if(!localStorage.getItem(${JSON.stringify(THEME_KEY)}))localStorage.setItem(${JSON.stringify(THEME_KEY)},'dark')}catch{}</script>`;
  return page.replace('<head>', `<head>${darkFirst}`);
}
