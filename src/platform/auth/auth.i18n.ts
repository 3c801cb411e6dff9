import { createTranslator, type Locale, type TranslationOf } from '../i18n/index.ts';

/** Sign-in page and the dev identity provider's user picker. Resident-facing: all seven languages. */
const sv = {
  'signIn.title': 'Logga in',
  'signIn.lead': 'Välj hur du vill logga in. Du kan byta språk innan du loggar in.',
  'signIn.resident.heading': 'Invånare',
  'signIn.resident.body':
    'Logga in med e-legitimation, till exempel BankID eller Freja, för att söka till kommunens tjänster och följa dina ärenden på Mina sidor.',
  'signIn.resident.button': 'Logga in med e-legitimation',
  'signIn.noEid.heading': 'Har du inte e-legitimation?',
  'signIn.noEid.body':
    'Du kan söka till sfi ändå, utan att logga in. Vi kontrollerar din identitet på annat sätt innan vi fattar beslut.',
  'signIn.noEid.link': 'Sök utan e-legitimation',
  'signIn.staff.heading': 'Medarbetare i kommunen',
  'signIn.staff.body': 'Logga in med ditt jobbkonto, samma som du använder för e-post och Teams.',
  'signIn.staff.button': 'Logga in med jobbkonto',
  'signIn.dev': 'Det här är en testmiljö. I stället för riktig e-legitimation väljer du en testanvändare i nästa steg.',
  'signIn.alreadySignedIn': 'Du är redan inloggad som {name}. Om du loggar in igen byter du konto.',
  'signIn.error.title': 'Det gick inte att logga in',
  'signIn.error.failed': 'Inloggningen kunde inte slutföras. Försök igen.',
  'signIn.error.denied': 'Inloggningen avbröts. Försök igen när du vill.',
  'signIn.error.expired': 'Inloggningen tog för lång tid eller startades i en annan flik. Börja om.',
  'signIn.error.unavailable': 'Inloggningstjänsten svarar inte just nu. Försök igen om en stund.',
  'signIn.error.account': 'Vi kunde inte koppla inloggningen till ett konto. Kontakta kundtjänst, så hjälper vi dig.',

  'devIdp.title': 'Välj testanvändare',
  'devIdp.caption': 'Testinloggning',
  'devIdp.lead.resident':
    'Det här är inte riktig e-legitimation. Välj vilken testperson du vill logga in som. Personuppgifterna är påhittade.',
  'devIdp.lead.staff': 'Det här är inte ett riktigt jobbkonto. Välj vilken testmedarbetare du vill logga in som.',
  'devIdp.users': 'Testanvändare',
  'devIdp.signInAs': 'Logga in som {name}',
  'devIdp.roles': 'Roller: {roles}',
  'devIdp.cancel': 'Avbryt inloggningen',
} as const;

const en: TranslationOf<typeof sv> = {
  'signIn.title': 'Sign in',
  'signIn.lead': 'Choose how to sign in. You can change the language before you sign in.',
  'signIn.resident.heading': 'Residents',
  'signIn.resident.body':
    'Sign in with an e-ID, such as BankID or Freja, to apply for the municipality’s services and follow your cases on My pages.',
  'signIn.resident.button': 'Sign in with e-ID',
  'signIn.noEid.heading': 'No e-ID?',
  'signIn.noEid.body':
    'You can still apply for SFI without signing in. We check your identity in another way before we make a decision.',
  'signIn.noEid.link': 'Apply without an e-ID',
  'signIn.staff.heading': 'Municipal staff',
  'signIn.staff.body': 'Sign in with your work account, the one you use for e-mail and Teams.',
  'signIn.staff.button': 'Sign in with work account',
  'signIn.dev': 'This is a test environment. Instead of a real e-ID you choose a test user in the next step.',
  'signIn.alreadySignedIn': 'You are already signed in as {name}. Signing in again switches account.',
  'signIn.error.title': 'You could not be signed in',
  'signIn.error.failed': 'The sign-in could not be completed. Please try again.',
  'signIn.error.denied': 'The sign-in was cancelled. Try again whenever you like.',
  'signIn.error.expired': 'The sign-in took too long or was started in another tab. Please start again.',
  'signIn.error.unavailable': 'The sign-in service is not answering right now. Please try again in a while.',
  'signIn.error.account':
    'We could not connect the sign-in to an account. Contact customer service and we will help you.',

  'devIdp.title': 'Choose a test user',
  'devIdp.caption': 'Test sign-in',
  'devIdp.lead.resident':
    'This is not a real e-ID. Choose the test person you want to sign in as. The personal details are made up.',
  'devIdp.lead.staff': 'This is not a real work account. Choose the test member of staff you want to sign in as.',
  'devIdp.users': 'Test users',
  'devIdp.signInAs': 'Sign in as {name}',
  'devIdp.roles': 'Roles: {roles}',
  'devIdp.cancel': 'Cancel sign-in',
};

/**
 * Arabic, Persian, Somali, Tigrinya and Ukrainian translate the Swedish source; shared terms
 * (e-legitimation, Mina sidor, SFI, ärende) follow src/platform/i18n/GLOSSARY.md.
 */
const ar: TranslationOf<typeof sv> = {
  'signIn.title': 'تسجيل الدخول',
  'signIn.lead': 'يرجى اختيار طريقة تسجيل الدخول. يمكنك تغيير اللغة قبل تسجيل الدخول.',
  'signIn.resident.heading': 'السكان',
  'signIn.resident.body':
    'يمكنك تسجيل الدخول بالهوية الإلكترونية، مثل BankID أو Freja، لتقديم الطلبات على خدمات البلدية ومتابعة معاملاتك في «صفحاتي» (Mina sidor).',
  'signIn.resident.button': 'تسجيل الدخول بالهوية الإلكترونية',
  'signIn.noEid.heading': 'ليس لديك هوية إلكترونية؟',
  'signIn.noEid.body':
    'يمكنك رغم ذلك التقديم على تعليم اللغة السويدية للمهاجرين (SFI) دون تسجيل الدخول. سنتحقق من هويتك بطريقة أخرى قبل أن نتخذ القرار.',
  'signIn.noEid.link': 'التقديم بدون هوية إلكترونية',
  'signIn.staff.heading': 'موظفو البلدية',
  'signIn.staff.body': 'يمكنك تسجيل الدخول بحساب العمل، وهو الحساب نفسه الذي تستخدمه للبريد الإلكتروني و Teams.',
  'signIn.staff.button': 'تسجيل الدخول بحساب العمل',
  'signIn.dev': 'هذه بيئة اختبار. بدلًا من الهوية الإلكترونية الحقيقية، ستختار مستخدمًا تجريبيًا في الخطوة التالية.',
  'signIn.alreadySignedIn': 'تم تسجيل دخولك بالفعل باسم {name}. إذا سجّلت الدخول مرة أخرى، فسيتم تغيير الحساب.',
  'signIn.error.title': 'تعذّر تسجيل الدخول',
  'signIn.error.failed': 'تعذّر إكمال تسجيل الدخول. يرجى المحاولة مرة أخرى.',
  'signIn.error.denied': 'تم إلغاء تسجيل الدخول. يمكنك المحاولة مرة أخرى متى شئت.',
  'signIn.error.expired': 'استغرق تسجيل الدخول وقتًا طويلًا جدًا، أو بدأ في علامة تبويب أخرى. يرجى البدء من جديد.',
  'signIn.error.unavailable': 'خدمة تسجيل الدخول لا تستجيب الآن. يرجى المحاولة مرة أخرى بعد قليل.',
  'signIn.error.account': 'لم نتمكن من ربط تسجيل الدخول بحساب. يرجى التواصل مع خدمة العملاء، وسنساعدك.',

  'devIdp.title': 'اختيار مستخدم تجريبي',
  'devIdp.caption': 'تسجيل دخول تجريبي',
  'devIdp.lead.resident':
    'هذه ليست هوية إلكترونية حقيقية. يرجى اختيار الشخص التجريبي الذي تريد تسجيل الدخول باسمه. البيانات الشخصية غير حقيقية.',
  'devIdp.lead.staff': 'هذا ليس حساب عمل حقيقيًا. يرجى اختيار الموظف التجريبي الذي تريد تسجيل الدخول باسمه.',
  'devIdp.users': 'المستخدمون التجريبيون',
  'devIdp.signInAs': 'تسجيل الدخول باسم {name}',
  'devIdp.roles': 'الأدوار: {roles}',
  'devIdp.cancel': 'إلغاء تسجيل الدخول',
};

const fa: TranslationOf<typeof sv> = {
  'signIn.title': 'ورود',
  'signIn.lead': 'انتخاب کنید که چگونه می‌خواهید وارد شوید. پیش از ورود می‌توانید زبان را تغییر دهید.',
  'signIn.resident.heading': 'ساکنان',
  'signIn.resident.body':
    'با هویت الکترونیکی، مثلاً BankID یا Freja، وارد شوید تا برای خدمات کمون درخواست بدهید و پرونده‌های خود را در «صفحات من» (Mina sidor) پیگیری کنید.',
  'signIn.resident.button': 'ورود با هویت الکترونیکی',
  'signIn.noEid.heading': 'هویت الکترونیکی ندارید؟',
  'signIn.noEid.body':
    'باز هم می‌توانید بدون ورود، برای آموزش زبان سوئدی ویژه مهاجران (SFI) درخواست بدهید. ما پیش از تصمیم‌گیری، هویت شما را به روش دیگری بررسی می‌کنیم.',
  'signIn.noEid.link': 'درخواست بدون هویت الکترونیکی',
  'signIn.staff.heading': 'کارکنان کمون',
  'signIn.staff.body': 'با حساب کاری خود وارد شوید؛ همان حسابی که برای ایمیل و Teams استفاده می‌کنید.',
  'signIn.staff.button': 'ورود با حساب کاری',
  'signIn.dev': 'این یک محیط آزمایشی است. در مرحله بعد، به جای هویت الکترونیکی واقعی، یک کاربر آزمایشی انتخاب می‌کنید.',
  'signIn.alreadySignedIn': 'شما از قبل با نام {name} وارد شده‌اید. اگر دوباره وارد شوید، حساب شما عوض می‌شود.',
  'signIn.error.title': 'ورود ممکن نشد',
  'signIn.error.failed': 'ورود کامل نشد. لطفاً دوباره تلاش کنید.',
  'signIn.error.denied': 'ورود لغو شد. هر وقت خواستید دوباره تلاش کنید.',
  'signIn.error.expired': 'ورود بیش از حد طول کشید یا در یک تب دیگر شروع شد. لطفاً از اول شروع کنید.',
  'signIn.error.unavailable': 'سرویس ورود در حال حاضر پاسخ نمی‌دهد. لطفاً کمی بعد دوباره تلاش کنید.',
  'signIn.error.account': 'نتوانستیم ورود شما را به یک حساب وصل کنیم. با خدمات مشتریان تماس بگیرید تا به شما کمک کنیم.',

  'devIdp.title': 'انتخاب کاربر آزمایشی',
  'devIdp.caption': 'ورود آزمایشی',
  'devIdp.lead.resident':
    'این هویت الکترونیکی واقعی نیست. انتخاب کنید با کدام شخص آزمایشی می‌خواهید وارد شوید. اطلاعات شخصی ساختگی است.',
  'devIdp.lead.staff': 'این حساب کاری واقعی نیست. انتخاب کنید با کدام کارمند آزمایشی می‌خواهید وارد شوید.',
  'devIdp.users': 'کاربران آزمایشی',
  'devIdp.signInAs': 'ورود با نام {name}',
  'devIdp.roles': 'نقش‌ها: {roles}',
  'devIdp.cancel': 'لغو ورود',
};

const so: TranslationOf<typeof sv> = {
  'signIn.title': 'Soo gal',
  'signIn.lead': 'Dooro sida aad u rabto inaad u soo gasho. Waad beddeli kartaa luqadda ka hor inta aadan soo gelin.',
  'signIn.resident.heading': 'Dadka deegaanka',
  'signIn.resident.body':
    'Ku soo gal aqoonsi elektaroonig ah, tusaale ahaan BankID ama Freja, si aad u codsato adeegyada degmada oo ula socoto kiisaskaaga Boggayga (Mina sidor).',
  'signIn.resident.button': 'Ku soo gal aqoonsi elektaroonig ah',
  'signIn.noEid.heading': 'Ma haysatid aqoonsi elektaroonig ah?',
  'signIn.noEid.body':
    'Wali waad codsan kartaa waxbarashada af-Iswiidhishka ee soogalootiga (SFI) adiga oo aan soo gelin. Waxaan aqoonsigaaga ku hubin doonnaa hab kale ka hor inta aynaan go’aan gaarin.',
  'signIn.noEid.link': 'Codso adiga oo aan lahayn aqoonsi elektaroonig ah',
  'signIn.staff.heading': 'Shaqaalaha degmada',
  'signIn.staff.body': 'Ku soo gal akoonkaaga shaqada, kan aad u isticmaasho iimaylka iyo Teams.',
  'signIn.staff.button': 'Ku soo gal akoonka shaqada',
  'signIn.dev':
    'Kani waa jawi tijaabo ah. Halkii aqoonsi elektaroonig ah oo dhab ah, tallaabada xigta waxaad ku dooranaysaa isticmaale tijaabo ah.',
  'signIn.alreadySignedIn':
    'Horey ayaad ugu soo gashay magaca {name}. Haddii aad mar kale soo gasho, akoonka ayaad beddelaysaa.',
  'signIn.error.title': 'Soo gelitaanku ma suurtagalin',
  'signIn.error.failed': 'Soo gelitaanka lama dhammaystiri karin. Fadlan isku day mar kale.',
  'signIn.error.denied': 'Soo gelitaanka waa la joojiyey. Isku day mar kale markaad doonto.',
  'signIn.error.expired': 'Soo gelitaanku aad buu u dheeraaday, ama waxaa laga bilaabay tab kale. Fadlan dib u bilow.',
  'signIn.error.unavailable': 'Adeegga soo gelitaanku hadda ma jawaabayo. Fadlan isku day mar kale waxyar kadib.',
  'signIn.error.account':
    'Ma aanan ku xiri karin soo gelitaanka akoon. La xiriir adeegga macaamiisha, waanu ku caawin doonnaa.',

  'devIdp.title': 'Dooro isticmaale tijaabo ah',
  'devIdp.caption': 'Soo gelid tijaabo ah',
  'devIdp.lead.resident':
    'Kani ma aha aqoonsi elektaroonig ah oo dhab ah. Dooro qofka tijaabada ah ee aad rabto inaad ku soo gasho. Xogta shakhsiga ah ma aha mid dhab ah.',
  'devIdp.lead.staff':
    'Kani ma aha akoon shaqo oo dhab ah. Dooro shaqaalaha tijaabada ah ee aad rabto inaad ku soo gasho.',
  'devIdp.users': 'Isticmaaleyaasha tijaabada',
  'devIdp.signInAs': 'Ku soo gal magaca {name}',
  'devIdp.roles': 'Doorarka: {roles}',
  'devIdp.cancel': 'Jooji soo gelitaanka',
};

const ti: TranslationOf<typeof sv> = {
  'signIn.title': 'ምእታው',
  'signIn.lead': 'ብኸመይ ክትኣትዉ ከም እትደልዩ ምረጹ። ቅድሚ ምእታውኩም ቋንቋ ክትቕይሩ ትኽእሉ ኢኹም።',
  'signIn.resident.heading': 'ነበርቲ',
  'signIn.resident.body':
    'ናብ ኣገልግሎታት ምምሕዳር ከተማ ንምምልካትን ጉዳያትኩም ኣብ «ገጻተይ» (Mina sidor) ንምክትታልን፣ ብኤሌክትሮኒካዊ መንነት፣ ንኣብነት BankID ወይ Freja፣ እተዉ።',
  'signIn.resident.button': 'ብኤሌክትሮኒካዊ መንነት እተዉ',
  'signIn.noEid.heading': 'ኤሌክትሮኒካዊ መንነት የብልኩምን ዲኹም?',
  'signIn.noEid.body':
    'ከይኣቶኹም እውን ናብ ትምህርቲ ቋንቋ ሽወደን ንስደተኛታት (SFI) ከተመልክቱ ትኽእሉ ኢኹም። ቅድሚ ውሳነ ምሃብና፣ መንነትኩም ብኻልእ መንገዲ ነረጋግጽ።',
  'signIn.noEid.link': 'ብዘይ ኤሌክትሮኒካዊ መንነት ኣመልክቱ',
  'signIn.staff.heading': 'ሰራሕተኛታት ምምሕዳር ከተማ',
  'signIn.staff.body': 'ብናይ ስራሕ ኣካውንትኩም እተዉ፣ እቲ ንኢመይልን Teamsን እትጥቀሙሉ።',
  'signIn.staff.button': 'ብናይ ስራሕ ኣካውንት እተዉ',
  'signIn.dev': 'እዚ ናይ ፈተነ ከባቢ እዩ። ኣብ ክንዲ ሓቀኛ ኤሌክትሮኒካዊ መንነት፣ ኣብ ዝቕጽል ስጉምቲ ናይ ፈተነ ተጠቃሚ ክትመርጹ ኢኹም።',
  'signIn.alreadySignedIn': 'ድሮ ብስም {name} ኣቲኹም ኣለኹም። እንደገና እንተ ኣቶኹም፣ ኣካውንት ትቕይሩ።',
  'signIn.error.title': 'ምእታው ኣይተኻእለን',
  'signIn.error.failed': 'ምእታው ክዛዘም ኣይከኣለን። በጃኹም እንደገና ፈትኑ።',
  'signIn.error.denied': 'ምእታው ተሰሪዙ። ኣብ ዝደለኹምዎ ግዜ እንደገና ፈትኑ።',
  'signIn.error.expired': 'ምእታው ብዙሕ ግዜ ወሲዱ ወይ ኣብ ካልእ ታብ ተጀሚሩ። በጃኹም ካብ መጀመርታ ጀምሩ።',
  'signIn.error.unavailable': 'ኣገልግሎት ምእታው ሕጂ ኣይምልስን ኣሎ። በጃኹም ድሕሪ ቁሩብ እንደገና ፈትኑ።',
  'signIn.error.account': 'ነቲ ምእታው ምስ ኣካውንት ከነራኽቦ ኣይከኣልናን። ንኣገልግሎት ዓማዊል ተወከሱ፣ ክንሕግዘኩም ኢና።',

  'devIdp.title': 'ናይ ፈተነ ተጠቃሚ ምረጹ',
  'devIdp.caption': 'ናይ ፈተነ ምእታው',
  'devIdp.lead.resident': 'እዚ ሓቀኛ ኤሌክትሮኒካዊ መንነት ኣይኮነን። ብስም ኣየናይ ናይ ፈተነ ሰብ ክትኣትዉ ከም እትደልዩ ምረጹ። እቲ ውልቃዊ ሓበሬታ ፈጠራ እዩ።',
  'devIdp.lead.staff': 'እዚ ሓቀኛ ናይ ስራሕ ኣካውንት ኣይኮነን። ብስም ኣየናይ ናይ ፈተነ ሰራሕተኛ ክትኣትዉ ከም እትደልዩ ምረጹ።',
  'devIdp.users': 'ናይ ፈተነ ተጠቀምቲ',
  'devIdp.signInAs': 'ብስም {name} እተዉ',
  'devIdp.roles': 'ተራታት: {roles}',
  'devIdp.cancel': 'ምእታው ሰርዙ',
};

const uk: TranslationOf<typeof sv> = {
  'signIn.title': 'Вхід',
  'signIn.lead': 'Виберіть, як ви хочете увійти. Ви можете змінити мову перед входом.',
  'signIn.resident.heading': 'Мешканці',
  'signIn.resident.body':
    'Увійдіть за допомогою електронного посвідчення, наприклад BankID або Freja, щоб подавати заяви на послуги муніципалітету й стежити за своїми справами в розділі «Мої сторінки» (Mina sidor).',
  'signIn.resident.button': 'Увійти з електронним посвідченням',
  'signIn.noEid.heading': 'Немає електронного посвідчення?',
  'signIn.noEid.body':
    'Ви все одно можете подати заяву на курс шведської мови для іммігрантів (SFI) без входу. Перед ухваленням рішення ми перевіримо вашу особу іншим способом.',
  'signIn.noEid.link': 'Подати заяву без електронного посвідчення',
  'signIn.staff.heading': 'Працівники муніципалітету',
  'signIn.staff.body':
    'Увійдіть через свій робочий обліковий запис — той самий, що ви використовуєте для електронної пошти й Teams.',
  'signIn.staff.button': 'Увійти через робочий обліковий запис',
  'signIn.dev':
    'Це тестове середовище. Замість справжнього електронного посвідчення на наступному кроці ви виберете тестового користувача.',
  'signIn.alreadySignedIn': 'Ви вже увійшли як {name}. Якщо ви увійдете знову, обліковий запис зміниться.',
  'signIn.error.title': 'Не вдалося увійти',
  'signIn.error.failed': 'Не вдалося завершити вхід. Спробуйте ще раз.',
  'signIn.error.denied': 'Вхід скасовано. Спробуйте ще раз, коли захочете.',
  'signIn.error.expired': 'Вхід тривав надто довго або його почали в іншій вкладці. Почніть знову.',
  'signIn.error.unavailable': 'Служба входу зараз не відповідає. Спробуйте ще раз трохи пізніше.',
  'signIn.error.account':
    'Нам не вдалося пов’язати вхід з обліковим записом. Зверніться до служби підтримки, і ми вам допоможемо.',

  'devIdp.title': 'Виберіть тестового користувача',
  'devIdp.caption': 'Тестовий вхід',
  'devIdp.lead.resident':
    'Це не справжнє електронне посвідчення. Виберіть тестову особу, від імені якої ви хочете увійти. Персональні дані вигадані.',
  'devIdp.lead.staff':
    'Це не справжній робочий обліковий запис. Виберіть тестового працівника, від імені якого ви хочете увійти.',
  'devIdp.users': 'Тестові користувачі',
  'devIdp.signInAs': 'Увійти як {name}',
  'devIdp.roles': 'Ролі: {roles}',
  'devIdp.cancel': 'Скасувати вхід',
};

const catalogs = { sv, en, ar, fa, so, ti, uk };

export type AuthKey = keyof typeof sv;

export function authTranslator(locale: Locale) {
  return createTranslator(catalogs, locale);
}
