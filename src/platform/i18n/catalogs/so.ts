import type { TranslationOf } from '../translator.ts';
import type { sv } from './sv.ts';

/** Somali. Terms: src/platform/i18n/GLOSSARY.md. */
export const so: TranslationOf<typeof sv> = {
  'site.name': 'E-adeegyada',
  'site.skipLink': 'U gudub qoraalka ugu muhiimsan',
  'site.home': 'Bogga hore',
  'site.mainNav': 'Liiska ugu weyn',
  'site.language': 'Luqadda',
  'site.languageNav': 'Dooro luqadda',
  'site.signIn': 'Soo gal',
  'site.signOut': 'Ka bax',
  'site.signedInAs': 'Waxaad ku gashay magaca {name}',
  'site.footer.accessibility': 'Bayaanka helitaanka',
  'site.footer.privacy': 'Sida aan u maareyno xogta shakhsiga ah',
  'site.footer.apiDocs': 'Dukumentiyada API',
  'site.footer.licence': 'Koodh furan, shatiga EUPL-1.2',
  'site.devBanner':
    'Jawi tijaabo ah: waxaa lagu soo galaa isticmaaleyaal tijaabo ah, mana jirto xog shakhsi ah oo dhab ah.',
  'site.devTag': 'Tijaabo',
  'site.breadcrumbs': 'Halkan ayaad joogtaa',
  'site.back': 'Dib u noqo',
  'site.close': 'Xir',
  'site.success': 'Waa la dhammeeyey',
  'site.important': 'Muhiim',

  'form.errorSummaryTitle': 'Dhibaato ayaa jirta',
  'form.errorPrefix': 'Khalad',
  'form.titleErrorPrefix': 'Khalad:',
  'form.continue': 'Sii wad',
  'form.save': 'Kaydi',
  'form.submit': 'Dir',
  'form.cancel': 'Jooji',
  'form.optional': '(ikhtiyaari)',
  'form.day': 'Maalin',
  'form.month': 'Bil',
  'form.year': 'Sannad',

  'validation.required': 'Fadlan buuxi {field}',
  'validation.invalid': 'Fadlan hubi {field}',
  'validation.tooLong': '{field} waxaa ugu badnaan noqon kara {max} xaraf',
  'validation.tooShort': '{field} waa inuu ahaadaa ugu yaraan {min} xaraf',
  'validation.invalidDate': '{field} waa inuu ahaadaa taariikh sax ah',
  'validation.futureDate': '{field} ma noqon karo taariikh mustaqbalka ah',
  'validation.invalidPersonalNumber':
    'Lambarka shakhsiga (personnummer) ma saxna. U qor sidan: YYYYMMDD-NNNN (sannadka, bisha, maalinta, kadibna afar lambar)',
  'validation.invalidEmail': 'Ku qor cinwaanka iimaylka qaab sax ah, tusaale ahaan name@example.com',
  'validation.chooseOne': 'Fadlan dooro mid ka mid ah jawaabaha {field}',
  'validation.number': '{field} waa inuu ahaadaa lambar',
  'validation.controlCharacters': '{field} waxaa ku jira calaamado aan la oggolayn',

  'error.notFound.title': 'Bogga lama helin',
  'error.notFound.body': 'Hubi in cinwaanku sax yahay. Waxaa laga yaabaa in bogga la raray ama la tirtiray.',
  'error.unauthenticated.title': 'Waa inaad soo gashaa',
  'error.unauthenticated.body': 'Soo gal si aad u aragto boggan.',
  'error.forbidden.title': 'Ogolaansho uma lihid',
  'error.forbidden.body':
    'Akoonkaagu ogolaansho uma laha boggan. Haddii aad u baahan tahay, la xiriir maamulahaaga ama taageerada IT-ga.',
  'error.csrf.title': 'Waqtiga foomku wuu dhacay',
  'error.csrf.body':
    'Sababo ammaan awgeed, bogga waa in dib loo soo dejiyaa. Dib u noqo, dib u soo deji bogga, oo mar kale dir. Wixii aad qortay lama kaydin.',
  'error.badRequest.title': 'Wax baa ku khaldanaa codsiga',
  'error.badRequest.body': 'Hubi wixii aad buuxisay oo isku day mar kale.',
  'error.conflict.title': 'Lama kaydin karin',
  'error.conflict.body':
    'Qof kale ayaa isla waqtigaas beddelay isla shaygaas. Dib u soo deji bogga oo isku day mar kale.',
  'error.tooLarge.title': 'Faylka ama qoraalku aad buu u weyn yahay',
  'error.tooLarge.body':
    'Wixii aad dirtay way ka weyn yihiin inta aan aqbalno. Isku day fayl ka yar ama qoraal ka gaaban.',
  'error.unsupported.title': 'Qaabkan lama taageero',
  'error.unsupported.body': 'Wixii aad dirtay waxay leeyihiin qaab aanu adeeggani aqbalin.',
  'error.rateLimited.title': 'Isku day aad u badan',
  'error.rateLimited.body': 'Sug hal daqiiqo, kadibna isku day mar kale.',
  'error.unavailable.title': 'Adeeggu hadda ma shaqeynayo',
  'error.unavailable.body': 'Isku day mar kale waxyar kadib.',
  'error.internal.title': 'Khalad ayaa dhankayaga ka dhacay',
  'error.internal.body':
    'Tani ma aha qaladkaaga. Isku day mar kale waxyar kadib. Haddii khaladku sii jiro, nala soo xiriir oo noo sheeg lambarka khaladka ee hoos ku qoran.',
  'error.requestId': 'Lambarka khaladka: {id}',
  'error.goHome': 'Tag bogga hore',

  'signIn.title': 'Soo gal',
  'signIn.lead': 'Dooro sida aad u rabto inaad u soo gasho.',
  'signIn.resident.heading': 'Dadka deegaanka',
  'signIn.resident.body':
    'Ku soo gal aqoonsi elektaroonig ah (BankID ama Freja) si aad u codsato oo ula socoto kiisaskaaga.',
  'signIn.resident.button': 'Ku soo gal aqoonsi elektaroonig ah',
  'signIn.staff.heading': 'Shaqaalaha',
  'signIn.staff.body': 'Ku soo gal akoonkaaga shaqada.',
  'signIn.staff.button': 'Ku soo gal akoonka shaqada',
  'signIn.failed': 'Soo gelitaanku wuu guuldareystay. Fadlan isku day mar kale.',
  'signIn.signedOut': 'Waad ka baxday.',
  'signIn.welcome': 'Waxaad ku gashay magaca {name}.',

  'home.title': 'Ku soo dhawoow adeegyada elektaroonigga ah ee {municipality}',
  'home.lead': 'Halkan waxaad ka codsan kartaa adeegyada degmada, waxaadna kula socon kartaa kiisaskaaga, luqaddaada.',
  'home.resident.heading': 'Haddii aad degmada ku nooshahay',
  'home.resident.body':
    'Codso waxbarashada af-Iswiidhishka ee soogalootiga (SFI), oo kula soco kiisaskaaga Boggayga (Mina sidor).',
  'home.noEid.heading': 'Ma haysatid aqoonsi elektaroonig ah?',
  'home.noEid.body': 'Wali waad codsan kartaa. Waxaan aqoonsigaaga ku hubin doonnaa hab kale ka hor go’aanka.',
  'home.staff.heading': 'Shaqaalaha',
  'home.staff.body':
    'Ku soo gal akoonkaaga shaqada si aad u ballansato qolal, u akhrido intraanetka, oo aad u maareyso kiisaska.',
  'home.whatYouCanDo': 'Waxyaabaha aad samayn karto',
};
