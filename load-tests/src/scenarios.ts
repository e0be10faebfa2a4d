// Every benchmark scenario as a function that starts its own servers (fresh ones: no scenario
// measures another's leftovers), runs, stops them and returns its report section. The bench:*
// scripts run one; `npm run bench` (bench-all.ts) runs them all into one report.
import { pairsSection, type ComparisonOptions } from './comparison.ts'
import { groupTable, runGroup, type GroupOptions, type GroupResult } from './group.ts'
import { offlineSyncTable, runOfflineSync, type OfflineSyncOptions } from './offline-sync.ts'
import { reportName, writeReport, type ReportSection } from './report.ts'
import { withServers } from './servers.ts'
import type { GroupTarget } from './targets/group-target.ts'
import { mosquittoGroupTarget } from './targets/mosquitto.ts'
import { aedesRelayTarget, mosquittoTarget } from './targets/relay.ts'
import { tidingsGroupTarget, tidingsTarget } from './targets/tidings.ts'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

/** BENCH_GROUP_MEMBERS (500), BENCH_GROUP_SENDERS (4), BENCH_GROUP_RATE (10 messages/s), BENCH_GROUP_WARMUP_S (3), BENCH_GROUP_MEASURE_S (20). */
export function groupOptionsFromEnv(say: (line: string) => void): GroupOptions {
  return {
    members: env('BENCH_GROUP_MEMBERS', 500),
    senders: env('BENCH_GROUP_SENDERS', 4),
    rate: env('BENCH_GROUP_RATE', 10),
    warmupS: env('BENCH_GROUP_WARMUP_S', 3),
    measureS: env('BENCH_GROUP_MEASURE_S', 20),
    bodyBytes: 100,
    progress: say,
  }
}

/**
 * BENCH_OFFLINE_CHATS (50), BENCH_OFFLINE_MESSAGES (1000), BENCH_OFFLINE_ROUNDS (10), BENCH_OFFLINE_MIN_MS (0),
 * BENCH_OFFLINE_NOTIFY (1: the app calls reconnectNow() when the network returns).
 */
export function offlineSyncOptionsFromEnv(say: (line: string) => void): OfflineSyncOptions {
  return {
    chats: env('BENCH_OFFLINE_CHATS', 50),
    messages: env('BENCH_OFFLINE_MESSAGES', 1000),
    rounds: env('BENCH_OFFLINE_ROUNDS', 10),
    minOfflineMs: env('BENCH_OFFLINE_MIN_MS', 0),
    notifyNetwork: process.env.BENCH_OFFLINE_NOTIFY === '1',
    timeoutMs: 60_000,
    progress: say,
  }
}

export function embeddedPairs(o: ComparisonOptions): Promise<ReportSection> {
  o.say('starting Mosquitto, a bare Aedes relay and the embedded platform…')
  return withServers(
    { mosquitto: true, aedesRelay: true, embedded: true },
    o.say,
    ({ mosquitto, aedesRelay, embedded }) =>
      pairsSection(
        'Pairs, embedded',
        [
          'Embedded mode (`npm start`: one process, SQLite) as its own process; the load generator and the baselines share the machine.',
          'Two baselines: Mosquitto relaying raw MQTT (the ceiling), and stock Aedes in a process of its own',
          "relaying Tidings' wire pattern with nothing else (every message also back to its sender at QoS 1, as",
          "Tidings' ack is; no auth, storage or protobuf): the most Tidings' framework can carry on this machine.",
        ].join(' '),
        {
          mosquitto: () => ({ ...mosquittoTarget(mosquitto!.url), serverPids: () => [mosquitto!.pid] }),
          aedes: () => ({ ...aedesRelayTarget(aedesRelay!.url), serverPids: () => [aedesRelay!.pid] }),
          tidings: () => ({
            ...tidingsTarget('Tidings embedded (1 process, SQLite)', {
              senderBrokers: [embedded!.mqttUrl],
              receiverBrokers: [embedded!.mqttUrl],
              httpUrl: embedded!.httpUrl,
            }),
            serverPids: () => [embedded!.pid],
          }),
        },
        o,
      ),
  )
}

export function clusterPairs(o: ComparisonOptions): Promise<ReportSection> {
  o.say('starting Mosquitto…')
  return withServers({ mosquitto: true, cluster: true }, o.say, ({ mosquitto, cluster }) =>
    pairsSection(
      'Pairs, cluster',
      `Cluster mode: Redis, a Cassandra node, ${cluster!.layout} and the API as separate processes; with several brokers, receivers are on another broker.`,
      {
        mosquitto: () => ({ ...mosquittoTarget(mosquitto!.url), serverPids: () => [mosquitto!.pid] }),
        tidings: () => ({
          ...tidingsTarget(`Tidings cluster (${cluster!.layout})`, {
            // Pair i: sender on one broker, receiver on the other; the pairs alternate, so both
            // brokers carry the same load and every message crosses brokers through Redis.
            senderBrokers: cluster!.brokers,
            receiverBrokers: [...cluster!.brokers].reverse(),
            httpUrl: cluster!.httpUrl,
          }),
          serverPids: () => cluster!.pids(),
        }),
      },
      o,
    ),
  )
}

/** The group fan-out on Mosquitto and embedded Tidings, and on a cluster too when `cluster` is set. */
export function groupFanOut(o: GroupOptions, cluster = false): Promise<ReportSection> {
  const say = o.progress ?? (() => {})
  say(`starting Mosquitto, the embedded platform${cluster ? ' and a cluster' : ''}…`)
  return withServers({ mosquitto: true, embedded: true, cluster }, say, async (servers) => {
    const targets: GroupTarget[] = [
      mosquittoGroupTarget(servers.mosquitto!.url),
      tidingsGroupTarget('Tidings embedded (1 process, SQLite)', {
        brokers: [servers.embedded!.mqttUrl],
        httpUrl: servers.embedded!.httpUrl,
      }),
    ]
    if (servers.cluster)
      targets.push(
        tidingsGroupTarget(`Tidings cluster (${servers.cluster!.layout})`, {
          brokers: servers.cluster.brokers,
          httpUrl: servers.cluster.httpUrl,
        }),
      )
    const only = process.env.BENCH_ONLY
    const results: GroupResult[] = []
    // One after the other, never concurrently: they share the cores.
    for (const target of targets) {
      if (only && !target.name.toLowerCase().startsWith(only)) continue
      say(`\n${target.name}: ${o.members} members, ${o.senders} senders, ${o.rate} messages/s`)
      results.push(await runGroup(target, o))
    }
    return {
      title: 'Group fan-out',
      markdown: [
        `One group of ${o.members} members, each with one device connected (raw mqtt.js + protobuf; Mosquitto: ${o.members} subscribers of one topic).`,
        `${o.senders} of the members post ${o.rate} messages/s in total (${o.bodyBytes}-byte bodies, QoS 1) for ${o.measureS} s after ${o.warmupS} s of warm-up.`,
        'Latency is send → receipt on every member device (one sample per member per message, the senders included);',
        '"all members" is send → receipt on the last member, per message.',
        '',
        groupTable(results),
      ].join('\n'),
      data: { options: { ...o, progress: undefined }, results },
      charts: [
        {
          title: `Group of ${o.members}: send → receipt on every member, ${o.rate} messages/s`,
          series: results.map((r) => ({ name: r.target, cdf: r.cdf })),
        },
      ],
    }
  })
}

export function offlineSync(o: OfflineSyncOptions): Promise<ReportSection> {
  const say = o.progress ?? (() => {})
  say('starting the embedded platform…')
  return withServers({ embedded: true }, say, async ({ embedded }) => {
    say(`\noffline sync: ${o.chats} chats, ${o.messages} messages while offline, ${o.rounds} rounds`)
    const result = await runOfflineSync({ mqttUrl: embedded!.mqttUrl, httpUrl: embedded!.httpUrl }, o)
    return {
      title: 'Offline sync',
      markdown: [
        `An SDK TidingsClient in ${o.chats} 1:1 chats reaches the embedded platform (MQTT and REST) through a TCP proxy.`,
        `Each round the proxy drops its connections and refuses new ones (the SDK is not told), the ${o.chats} other members`,
        `send ${o.messages} messages (SDK clients, each send stored before the next), then the proxy lets connections through`,
        'again. The SDK reconnects by its own jittered backoff, syncs and fills from history; the round ends when it has',
        'released every message through onMessage. "CONNACK" is when the server\'s CONNACK passed the proxy.',
        '',
        offlineSyncTable(result),
      ].join('\n'),
      data: { options: { ...o, progress: undefined }, result },
      charts: [],
    }
  })
}

/** Writes the report (Markdown, JSON, SVG CDFs), prints the Markdown and where it went. */
export function publishReport(
  prefix: string,
  title: string,
  sections: ReportSection[],
  say: (line: string) => void,
): void {
  for (const s of sections) say(`\n## ${s.title}\n\n${s.markdown}`)
  say(`\nreport: ${writeReport(reportName(prefix), title, sections).join(', ')}`)
}
