import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { api, type Me, rememberCsrf } from './api';
import { NotFound } from './pages/NotFound';
import { PublicHome } from './pages/PublicHome';
import { Safety } from './pages/Safety';
import { SignIn } from './pages/SignIn';
import { StaffHome } from './pages/StaffHome';

export function App() {
  const { t } = useTranslation();
  // undefined while asking the server, null when nobody is signed in.
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const current = await api<Me>('GET', '/api/auth/me');
      rememberCsrf(current.csrfToken);
      setMe(current);
    } catch {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (me === undefined) return <p className="loading">{t('app.loading')}</p>;
  const signedIn = me?.stage === 'full';

  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<PublicHome />} />
        <Route path="/safety" element={<Safety />} />
        <Route path="/sign-in" element={signedIn ? <Navigate to="/staff" replace /> : <SignIn stage={me?.stage} onSignedIn={refresh} />} />
        <Route
          path="/sign-in/second-factor"
          element={signedIn ? <SignIn stage="enrol" onSignedIn={refresh} /> : <Navigate to="/sign-in" replace />}
        />
        <Route
          path="/staff"
          element={signedIn && me ? <StaffHome me={me} onSignedOut={() => setMe(null)} /> : <Navigate to="/sign-in" replace />}
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </BrowserRouter>
  );
}
