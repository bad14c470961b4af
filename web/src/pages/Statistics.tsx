import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { me as whoAmI } from '../api/auth';
import { failureText } from '../api/client';
import {
  chartCsvUrl,
  type Dashboard,
  dashboard as loadDashboard,
  releases as loadReleases,
  microdataUrl,
  type StatsFilters,
} from '../api/statistics';
import { useLoad } from '../api/useLoad';
import { ProvinceSelect, RadioGroup } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { Chart } from '../statistics/Chart';
import { PublishForm } from '../statistics/PublishForm';
import { ReleasesAdmin } from '../statistics/ReleasesAdmin';

type Filters = StatsFilters & { scope: 'network' | 'agency' };

/**
 * The statistics dashboard: the network's pooled figures (and, for an agency's own staff, its
 * own), every figure through disclosure control on the server, every chart readable as a table.
 */
export function Statistics() {
  const { t } = useTranslation();
  const me = useLoad(whoAmI, []).data;
  const [filters, setFilters] = useState<Filters>({ scope: 'network', yearFrom: '', yearTo: '', province: '', exploitation: '' });
  const [dashboard, setDashboard] = useState<Dashboard>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (next: Filters) => {
    setBusy(true);
    setError(undefined);
    try {
      setDashboard(await loadDashboard(next));
    } catch (caught) {
      setError(failureText(caught));
    } finally {
      setBusy(false);
    }
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first load only; later ones follow the filters form
  useEffect(() => {
    void load(filters);
  }, []);

  const roles = me?.account.roles ?? [];
  const ownFigures = roles.includes('agency_admin') || roles.includes('coordinator');
  const microdata = roles.includes('researcher') || roles.includes('network_admin');
  const set = (key: keyof Filters, value: string) => setFilters({ ...filters, [key]: value });

  return (
    <Layout>
      <h1>{t('stats.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link> · <Link to="/statistics">{t('stats.published')}</Link>
      </p>
      <p className="muted">{t('stats.intro', { threshold: dashboard?.threshold ?? 10 })}</p>
      <form
        className="directory-search"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void load(filters);
        }}
      >
        {ownFigures && (
          <RadioGroup
            name="scope"
            legend={t('stats.scope')}
            options={(['network', 'agency'] as const).map((scope) => ({ value: scope, label: t(`stats.scopes.${scope}`) }))}
            value={filters.scope}
            onChange={(scope) => set('scope', scope)}
          />
        )}
        {(['yearFrom', 'yearTo'] as const).map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`stats-${key}`}>{t(`stats.${key}`)}</label>
            <input
              id={`stats-${key}`}
              inputMode="numeric"
              pattern="[0-9]{4}"
              value={filters[key]}
              onChange={(event) => set(key, event.target.value.trim())}
            />
          </div>
        ))}
        <ProvinceSelect
          id="stats-province"
          label={t('directory.province')}
          value={filters.province}
          first={{ value: '', label: t('stats.allCanada') }}
          onChange={(code) => set('province', code)}
        />
        <div className="field">
          <label htmlFor="stats-exploitation">{t('cases.about.exploitation')}</label>
          <select id="stats-exploitation" value={filters.exploitation} onChange={(event) => set('exploitation', event.target.value)}>
            <option value="">{t('directory.any')}</option>
            {(['labour', 'sexual', 'other'] as const).map((form) => (
              <option key={form} value={form}>
                {t(`cases.about.forms.${form}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>
          {t('stats.show')}
        </button>
      </form>
      <Alert message={error} />
      <div aria-live="polite" aria-busy={busy}>
        {busy && <p>{t('stats.loading')}</p>}
      </div>
      {microdata && (
        <p>
          <a href={microdataUrl} download>
            {t('stats.microdata')}
          </a>{' '}
          <span className="muted">{t('stats.microdataExplain')}</span>
        </p>
      )}
      {dashboard?.charts.map((chart) => (
        <Chart key={chart.id} chart={chart} exportUrl={chartCsvUrl(chart.id, filters)} />
      ))}
      {roles.includes('network_admin') && dashboard && (
        <NetworkPublishing filters={filters} chartIds={dashboard.charts.map((chart) => chart.id)} />
      )}
    </Layout>
  );
}

/** What a network admin publishes, and what has been published, withdrawable. */
function NetworkPublishing({ filters, chartIds }: { filters: StatsFilters; chartIds: string[] }) {
  const { data: releases, reload } = useLoad(loadReleases, []);
  return (
    <>
      <PublishForm filters={{ ...filters }} chartIds={chartIds} onPublished={() => void reload()} />
      {releases && <ReleasesAdmin releases={releases} onChange={() => void reload()} />}
    </>
  );
}
