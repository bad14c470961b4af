import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { type Me, me as whoAmI } from './api/auth';
import { rememberCsrf } from './api/client';
import { Directory } from './pages/Directory';
import { Invitation } from './pages/Invitation';
import { NotFound } from './pages/NotFound';
import { PublicHome } from './pages/PublicHome';
import { Safety } from './pages/Safety';
import { SignIn } from './pages/SignIn';
import { StaffHome } from './pages/StaffHome';

// The aid carries its indicator data; it loads only when opened, keeping the other pages light.
const IdentificationAid = lazy(() => import('./pages/IdentificationAid').then((m) => ({ default: m.IdentificationAid })));
const ListingEditor = lazy(() => import('./pages/ListingEditor').then((m) => ({ default: m.ListingEditor })));
const LibraryShelf = lazy(() => import('./pages/LibraryShelf').then((m) => ({ default: m.LibraryShelf })));
const Cases = lazy(() => import('./pages/Cases').then((m) => ({ default: m.Cases })));
const Calendar = lazy(() => import('./pages/Calendar').then((m) => ({ default: m.Calendar })));
const NewCase = lazy(() => import('./pages/Cases').then((m) => ({ default: m.NewCase })));
const CasePage = lazy(() => import('./pages/CasePage').then((m) => ({ default: m.CasePage })));
const CaseCopy = lazy(() => import('./pages/CaseCopy').then((m) => ({ default: m.CaseCopy })));
const Accounts = lazy(() => import('./pages/Accounts').then((m) => ({ default: m.Accounts })));
const Collections = lazy(() => import('./pages/Collections').then((m) => ({ default: m.Collections })));
const Members = lazy(() => import('./pages/Members').then((m) => ({ default: m.Members })));
const HelpInbox = lazy(() => import('./pages/HelpInbox').then((m) => ({ default: m.HelpInbox })));
const Notifications = lazy(() => import('./pages/Notifications').then((m) => ({ default: m.Notifications })));
const Referrals = lazy(() => import('./pages/Referrals').then((m) => ({ default: m.Referrals })));
const NewReferral = lazy(() => import('./pages/NewReferral').then((m) => ({ default: m.NewReferral })));
const ReferralPage = lazy(() => import('./pages/ReferralPage').then((m) => ({ default: m.ReferralPage })));
const Statistics = lazy(() => import('./pages/Statistics').then((m) => ({ default: m.Statistics })));
const RightsReviews = lazy(() => import('./pages/RightsReviews').then((m) => ({ default: m.RightsReviews })));
const PublishedStatistics = lazy(() => import('./pages/PublishedStatistics').then((m) => ({ default: m.PublishedStatistics })));
const ServicePage = lazy(() => import('./pages/ServicePage').then((m) => ({ default: m.ServicePage })));
const Join = lazy(() => import('./pages/Join').then((m) => ({ default: m.Join })));
const JoinAnswer = lazy(() => import('./pages/Join').then((m) => ({ default: m.JoinAnswer })));
const Applications = lazy(() => import('./pages/Applications').then((m) => ({ default: m.Applications })));
const ApplicationReview = lazy(() => import('./pages/Applications').then((m) => ({ default: m.ApplicationReview })));
const Groups = lazy(() => import('./pages/Groups').then((m) => ({ default: m.Groups })));
const GroupPage = lazy(() => import('./pages/Groups').then((m) => ({ default: m.GroupPage })));
const ThreadPage = lazy(() => import('./pages/GroupThreads').then((m) => ({ default: m.ThreadPage })));
const Meeting = lazy(() => import('./pages/Meeting').then((m) => ({ default: m.Meeting })));
const News = lazy(() => import('./pages/News').then((m) => ({ default: m.News })));
const NewsItem = lazy(() => import('./pages/News').then((m) => ({ default: m.NewsItem })));
const Bulletins = lazy(() => import('./pages/Bulletins').then((m) => ({ default: m.Bulletins })));
const BulletinPage = lazy(() => import('./pages/Bulletins').then((m) => ({ default: m.BulletinPage })));
const Library = lazy(() => import('./pages/Library').then((m) => ({ default: m.Library })));

export function App() {
  // undefined until a staff page asks the server; null when nobody is signed in.
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const current = await whoAmI();
      rememberCsrf(current.csrfToken);
      setMe(current);
    } catch {
      setMe(null);
    }
  }, []);

  const signedIn = me?.stage === 'full';
  // Public pages never call the API: a visitor's browser talks to Harbour only for the page itself.
  const withMe = (page: ReactNode) => (
    <KnowWhoIsSignedIn me={me} refresh={refresh}>
      {page}
    </KnowWhoIsSignedIn>
  );

  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<PublicHome />} />
        <Route path="/safety" element={<Safety />} />
        <Route
          path="/identification"
          element={
            <Suspense fallback={null}>
              <IdentificationAid />
            </Suspense>
          }
        />
        <Route path="/directory" element={<Directory />} />
        <Route
          path="/directory/services/:id"
          element={
            <Suspense fallback={null}>
              <ServicePage />
            </Suspense>
          }
        />
        <Route
          path="/statistics"
          element={
            <Suspense fallback={null}>
              <PublishedStatistics />
            </Suspense>
          }
        />
        <Route
          path="/library"
          element={
            <Suspense fallback={null}>
              <Library />
            </Suspense>
          }
        />
        {(
          [
            ['/join', <Join key="join" />],
            ['/join/answer', <JoinAnswer key="answer" />],
            ['/news', <News key="news" />],
            ['/news/:id', <NewsItem key="news-item" />],
          ] as const
        ).map(([path, page]) => (
          <Route key={path} path={path} element={<Suspense fallback={null}>{page}</Suspense>} />
        ))}
        <Route path="/invitation" element={withMe(<Invitation onAccepted={refresh} />)} />
        <Route
          path="/sign-in"
          element={withMe(signedIn ? <Navigate to="/staff" replace /> : <SignIn stage={me?.stage} onSignedIn={refresh} />)}
        />
        <Route
          path="/sign-in/second-factor"
          element={withMe(signedIn ? <SignIn stage="enrol" onSignedIn={refresh} /> : <Navigate to="/sign-in" replace />)}
        />
        <Route path="/staff" element={withMe(signedIn && me ? <StaffHome me={me} /> : <Navigate to="/sign-in" replace />)} />
        <Route
          path="/staff/accounts"
          element={withMe(
            signedIn && me ? (
              <Suspense fallback={null}>
                <Accounts me={me} />
              </Suspense>
            ) : (
              <Navigate to="/sign-in" replace />
            ),
          )}
        />
        <Route
          path="/staff/groups"
          element={withMe(
            signedIn && me ? (
              <Suspense fallback={null}>
                <Groups networkAdmin={me.account.roles.includes('network_admin')} />
              </Suspense>
            ) : (
              <Navigate to="/sign-in" replace />
            ),
          )}
        />
        <Route
          path="/staff/bulletins"
          element={withMe(
            signedIn && me ? (
              <Suspense fallback={null}>
                <Bulletins writer={me.account.roles.includes('network_admin')} />
              </Suspense>
            ) : (
              <Navigate to="/sign-in" replace />
            ),
          )}
        />
        <Route
          path="/staff/help"
          element={withMe(
            signedIn && me ? (
              <Suspense fallback={null}>
                <HelpInbox me={me} />
              </Suspense>
            ) : (
              <Navigate to="/sign-in" replace />
            ),
          )}
        />
        {['/staff/listings/new', '/staff/listings/:id'].map((path) => (
          <Route
            key={path}
            path={path}
            element={withMe(
              signedIn ? (
                <Suspense fallback={null}>
                  <ListingEditor />
                </Suspense>
              ) : (
                <Navigate to="/sign-in" replace />
              ),
            )}
          />
        ))}
        {(
          [
            ['/staff/cases', <Cases key="cases" />],
            ['/staff/calendar', <Calendar key="calendar" />],
            ['/staff/cases/new', <NewCase key="new" />],
            ['/staff/cases/:id', <CasePage key="case" />],
            ['/staff/cases/:id/identification', <IdentificationAid key="aid" />],
            ['/staff/cases/:id/copy', <CaseCopy key="copy" />],
            ['/staff/notifications', <Notifications key="notifications" />],
            ['/staff/referrals', <Referrals key="referrals" />],
            ['/staff/referrals/new', <NewReferral key="new-referral" />],
            ['/staff/referrals/:id', <ReferralPage key="referral" />],
            ['/staff/statistics', <Statistics key="statistics" />],
            ['/staff/rights', <RightsReviews key="rights" />],
            ['/staff/collections', <Collections key="collections" />],
            ['/staff/members', <Members key="members" />],
            ['/staff/applications', <Applications key="applications" />],
            ['/staff/applications/:id', <ApplicationReview key="application" />],
            ['/staff/groups/:id', <GroupPage key="group" />],
            ['/staff/groups/:id/threads/:threadId', <ThreadPage key="thread" />],
            ['/staff/meetings/:id', <Meeting key="meeting" />],
            ['/staff/bulletins/:id', <BulletinPage key="bulletin" />],
          ] as const
        ).map(([path, page]) => (
          <Route
            key={path}
            path={path}
            element={withMe(signedIn ? <Suspense fallback={null}>{page}</Suspense> : <Navigate to="/sign-in" replace />)}
          />
        ))}
        <Route
          path="/staff/library"
          element={withMe(
            signedIn ? (
              <Suspense fallback={null}>
                <LibraryShelf />
              </Suspense>
            ) : (
              <Navigate to="/sign-in" replace />
            ),
          )}
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </BrowserRouter>
  );
}

function KnowWhoIsSignedIn({ me, refresh, children }: { me: Me | null | undefined; refresh: () => Promise<void>; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (me === undefined) void refresh();
  }, [me, refresh]);
  if (me === undefined) return <p className="loading">{t('app.loading')}</p>;
  return <>{children}</>;
}
