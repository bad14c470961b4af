import type { MembershipApplicationTable } from '../../db/tables.js';

/**
 * The emails an applicant receives, in the language they applied in and then in the other. They
 * hold only what the organization wrote about itself, and what the network wrote back.
 */
type Application = Pick<MembershipApplicationTable, 'organizationName' | 'contactName' | 'language'>;

interface Letter {
  subject: string;
  body: string;
}

function bilingual(application: Application, en: Letter, fr: Letter): Letter {
  const [first, second] = application.language === 'fr' ? [fr, en] : [en, fr];
  return { subject: `${first.subject} / ${second.subject}`, body: `${first.body}\n\n— — —\n\n${second.body}` };
}

export const received = (a: Application) =>
  bilingual(
    a,
    {
      subject: 'Harbour: your application to join the network',
      body: `Hello ${a.contactName},\n\nWe received the application of ${a.organizationName} to join the network. A network coordinator will read it and write back to this address.`,
    },
    {
      subject: 'Harbour : votre demande d’adhésion au réseau',
      body: `Bonjour ${a.contactName},\n\nNous avons reçu la demande d’adhésion de ${a.organizationName} au réseau. Une personne de la coordination du réseau la lira et vous répondra à cette adresse.`,
    },
  );

export const question = (a: Application, text: string, link: string, days: number) =>
  bilingual(
    a,
    {
      subject: 'Harbour: the network asks for more about your application',
      body: `Hello ${a.contactName},\n\nBefore deciding on the application of ${a.organizationName}, the network asks:\n\n${text}\n\nAnswer here (the link works once, for ${days} days):\n${link}`,
    },
    {
      subject: 'Harbour : le réseau demande des précisions sur votre demande',
      body: `Bonjour ${a.contactName},\n\nAvant de se prononcer sur la demande de ${a.organizationName}, le réseau demande :\n\n${text}\n\nRépondez ici (le lien sert une fois, pendant ${days} jours) :\n${link}`,
    },
  );

export const declined = (a: Application, reason: string) =>
  bilingual(
    a,
    {
      subject: 'Harbour: your application to join the network',
      body: `Hello ${a.contactName},\n\nThe network has declined the application of ${a.organizationName}, for this reason:\n\n${reason}\n\nYou may apply again if things change.`,
    },
    {
      subject: 'Harbour : votre demande d’adhésion au réseau',
      body: `Bonjour ${a.contactName},\n\nLe réseau a refusé la demande d’adhésion de ${a.organizationName}, pour la raison suivante :\n\n${reason}\n\nVous pourrez présenter une nouvelle demande si la situation change.`,
    },
  );

export const approved = (a: Application, note: string | undefined) =>
  bilingual(
    a,
    {
      subject: 'Harbour: welcome to the network',
      body: `Hello ${a.contactName},\n\n${a.organizationName} is now a member of the network.${note ? `\n\n${note}` : ''}\n\nA separate email brings your invitation to Harbour, as ${a.organizationName}'s first administrator. When you have signed in, a short checklist takes you through the first steps: your listing in the directory, your colleagues' accounts, the key for help requests, and the start-up toolkit.`,
    },
    {
      subject: 'Harbour : bienvenue dans le réseau',
      body: `Bonjour ${a.contactName},\n\n${a.organizationName} est désormais membre du réseau.${note ? `\n\n${note}` : ''}\n\nUn autre courriel vous apporte votre invitation à Harbour, comme première administratrice ou premier administrateur de ${a.organizationName}. Une fois connecté·e, une courte liste vous guide dans les premières étapes : votre fiche dans le répertoire, les comptes de vos collègues, la clé des demandes d’aide et la trousse de démarrage.`,
    },
  );
