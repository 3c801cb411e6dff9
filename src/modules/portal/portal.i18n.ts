import { createTranslator, type Locale, type TranslationOf } from '../../platform/i18n/index.ts';

const sv = {
  'nav.home': 'Start',
  'role.resident': 'Som invånare kan du söka till sfi och följa dina ärenden på Mina sidor.',
  'role.employee': 'Som medarbetare kan du boka mötesrum, läsa intranätet och svara på enkäter.',
  'role.caseworker': 'Som handläggare hanterar du ärenden som reglerna skickar till manuell prövning.',
  'role.civic-lab': 'Som medlem i innovationslabbet tar du emot och följer upp förbättringsförslag.',
  'role.admin': 'Som administratör ser du misslyckade jobb, utskickad post och inställningar.',
  'admin.jobs': 'Misslyckade jobb',
  'admin.outbox': 'Utkorg (utvecklingsläge)',
  'a11y.title': 'Tillgänglighetsredogörelse',
  'a11y.intro':
    '{municipality} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service (DOS-lagen), kända tillgänglighetsproblem och hur du kan rapportera brister så att vi kan åtgärda dem.',
  'a11y.status.heading': 'Hur tillgänglig är webbplatsen?',
  'a11y.status.body':
    'Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan. Vi följer standarden EN 301 549 och WCAG 2.1 nivå AA.',
  'a11y.problems.heading': 'Kända brister',
  'a11y.problems.1': 'Beslutsbrev i PDF-format är på svenska. Samma förklaring finns på ditt språk på Mina sidor.',
  'a11y.problems.2': 'Testinloggningen i demomiljön är inte en riktig e-legitimation och finns inte i drift.',
  'a11y.feedback.heading': 'Om du inte kan använda delar av webbplatsen',
  'a11y.feedback.body':
    'Om du behöver innehåll i ett annat format, eller hittar brister som vi inte har beskrivit, kontakta oss så åtgärdar vi det om vi kan.',
  'a11y.feedback.contact': 'E-post: {email}. Telefon: {phone}. Vi svarar inom två arbetsdagar.',
  'a11y.enforcement.heading': 'Tillsyn',
  'a11y.enforcement.body':
    'Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.',
  'a11y.enforcement.link': 'Anmäl brist i digital tillgänglighet till Digg',
  'a11y.testing.heading': 'Hur vi testat webbplatsen',
  'a11y.testing.body':
    'Varje sida testas automatiskt med axe mot WCAG 2.1 A och AA i webbläsartester vid varje ändring, och med tangentbord. Webbplatsen publicerades {published}. Redogörelsen uppdaterades senast {assessed}.',
  'api.title': 'API-dokumentation',
  'api.lead':
    'Integrationer använder API:et med en API-nyckel (Authorization: Bearer …). Fel returneras som application/problem+json.',
  'api.document': 'OpenAPI-dokumentet (JSON)',
  'api.method': 'Metod',
  'api.path': 'Sökväg',
  'api.summary': 'Beskrivning',
  'api.auth': 'Inloggning',
  'api.public': 'Öppen',
  'api.token': 'API-nyckel',
  'api.empty': 'Inga operationer ännu.',
} as const;

const en: TranslationOf<typeof sv> = {
  'nav.home': 'Home',
  'role.resident': 'As a resident you can apply for SFI and follow your cases on My pages.',
  'role.employee': 'As a member of staff you can book meeting rooms, read the intranet and answer surveys.',
  'role.caseworker': 'As a caseworker you handle the cases the rules send for manual review.',
  'role.civic-lab': 'As a member of the innovation lab you receive and follow up improvement proposals.',
  'role.admin': 'As an administrator you see failed jobs, sent mail and settings.',
  'admin.jobs': 'Failed jobs',
  'admin.outbox': 'Outbox (development mode)',
  'a11y.title': 'Accessibility statement',
  'a11y.intro':
    '{municipality} is responsible for this website. We want as many people as possible to be able to use it. This statement describes how the website complies with the Swedish Act on accessibility to digital public services (DOS-lagen), known accessibility problems and how to report problems so that we can fix them.',
  'a11y.status.heading': 'How accessible is the website?',
  'a11y.status.body':
    'The website is partially compliant with the Act on accessibility to digital public services, because of the shortcomings described below. We follow the standard EN 301 549 and WCAG 2.1 level AA.',
  'a11y.problems.heading': 'Known shortcomings',
  'a11y.problems.1':
    'Decision letters in PDF are in Swedish. The same explanation is available in your language on My pages.',
  'a11y.problems.2': 'The test sign-in in the demo environment is not a real e-ID and is not used in production.',
  'a11y.feedback.heading': 'If you cannot use parts of the website',
  'a11y.feedback.body':
    'If you need content in another format, or find problems we have not described, contact us and we will fix them if we can.',
  'a11y.feedback.contact': 'Email: {email}. Phone: {phone}. We reply within two working days.',
  'a11y.enforcement.heading': 'Enforcement',
  'a11y.enforcement.body':
    'The Agency for Digital Government (Digg) is responsible for enforcing the Act on accessibility to digital public services. If you are not satisfied with how we handle your feedback, you can contact Digg.',
  'a11y.enforcement.link': 'Report a digital accessibility problem to Digg',
  'a11y.testing.heading': 'How we tested the website',
  'a11y.testing.body':
    'Every page is tested automatically with axe against WCAG 2.1 A and AA in browser tests on every change, and by keyboard. The website was published on {published}. This statement was last updated on {assessed}.',
  'api.title': 'API documentation',
  'api.lead':
    'Integrations use the API with an API token (Authorization: Bearer …). Errors are returned as application/problem+json.',
  'api.document': 'The OpenAPI document (JSON)',
  'api.method': 'Method',
  'api.path': 'Path',
  'api.summary': 'Description',
  'api.auth': 'Authentication',
  'api.public': 'Open',
  'api.token': 'API token',
  'api.empty': 'No operations yet.',
};

/*
 * ar, fa, so, ti, uk translate the Swedish source; terms follow src/platform/i18n/GLOSSARY.md.
 * In ar and fa, Latin text with digits or spaces (standards, phone number, the Authorization
 * header) sits in a left-to-right isolate (\u2066…\u2069) so right-to-left layout keeps it whole.
 */
const ar: TranslationOf<typeof sv> = {
  'nav.home': 'الرئيسية',
  'role.resident':
    'بصفتك من سكان البلدية، يمكنك التقديم على تعليم اللغة السويدية للمهاجرين (SFI)، ومتابعة معاملاتك في «صفحاتي» (Mina sidor).',
  'role.employee':
    'بصفتك من الموظفين، يمكنك حجز غرف الاجتماعات وقراءة الشبكة الداخلية (الإنترانت) والإجابة عن الاستبيانات.',
  'role.caseworker': 'بصفتك من الموظفين المختصين، تعالج المعاملات التي تحيلها القواعد إلى المراجعة اليدوية.',
  'role.civic-lab': 'بصفتك من أعضاء مختبر الابتكار، تستقبل مقترحات التحسين وتتابعها.',
  'role.admin': 'بصفتك من مسؤولي النظام، ترى المهام التي فشلت والبريد المرسل والإعدادات.',
  'admin.jobs': 'المهام التي فشلت',
  'admin.outbox': 'صندوق الصادر (وضع التطوير)',
  'a11y.title': 'بيان إمكانية الوصول',
  'a11y.intro':
    '{municipality} مسؤولة عن هذا الموقع. نريد أن يتمكن أكبر عدد ممكن من الناس من استخدامه. نوضح هنا كيف يلتزم الموقع بقانون إمكانية الوصول إلى الخدمات العامة الرقمية (DOS-lagen)، وما هي مشكلات إمكانية الوصول المعروفة، وكيف يمكنك الإبلاغ عن أوجه القصور حتى نصلحها.',
  'a11y.status.heading': 'ما مدى إمكانية الوصول إلى الموقع؟',
  'a11y.status.body':
    'الموقع متوافق جزئيًا مع قانون إمكانية الوصول إلى الخدمات العامة الرقمية، بسبب أوجه القصور الموضحة أدناه. نحن نتبع المعيار \u2066EN 301 549\u2069 ومعيار \u2066WCAG 2.1\u2069 بالمستوى AA.',
  'a11y.problems.heading': 'أوجه القصور المعروفة',
  'a11y.problems.1': 'رسائل القرار بصيغة PDF مكتوبة باللغة السويدية. الشرح نفسه موجود بلغتك في «صفحاتي» (Mina sidor).',
  'a11y.problems.2': 'تسجيل الدخول التجريبي في بيئة العرض ليس هوية إلكترونية حقيقية، ولا يُستخدم في الخدمة الفعلية.',
  'a11y.feedback.heading': 'إذا لم تتمكن من استخدام أجزاء من الموقع',
  'a11y.feedback.body':
    'إذا كنت تحتاج إلى المحتوى بشكل آخر، أو وجدت أوجه قصور لم نذكرها، يرجى التواصل معنا، وسنصلحها إذا استطعنا.',
  'a11y.feedback.contact': 'البريد الإلكتروني: \u2066{email}\u2069. الهاتف: \u2066{phone}\u2069. نرد خلال يومَي عمل.',
  'a11y.enforcement.heading': 'الرقابة',
  'a11y.enforcement.body':
    'هيئة الإدارة الرقمية (Digg) مسؤولة عن الرقابة على قانون إمكانية الوصول إلى الخدمات العامة الرقمية. إذا لم تعجبك طريقة تعاملنا مع ملاحظاتك، يمكنك التواصل مع Digg وإبلاغها بذلك.',
  'a11y.enforcement.link': 'إبلاغ Digg عن قصور في إمكانية الوصول الرقمي',
  'a11y.testing.heading': 'كيف اختبرنا الموقع',
  'a11y.testing.body':
    'نختبر كل صفحة تلقائيًا بأداة axe وفق \u2066WCAG 2.1\u2069 بالمستويين A و AA في اختبارات المتصفح عند كل تغيير، ونختبرها أيضًا باستخدام لوحة المفاتيح. نُشر الموقع في {published}. وآخر تحديث لهذا البيان كان في {assessed}.',
  'api.title': 'وثائق API',
  'api.lead':
    'تستخدم أنظمة التكامل واجهة API بمفتاح API (\u2066Authorization: Bearer …\u2069). تُرسَل الأخطاء بصيغة application/problem+json.',
  'api.document': 'مستند OpenAPI (JSON)',
  'api.method': 'الطريقة',
  'api.path': 'المسار',
  'api.summary': 'الوصف',
  'api.auth': 'المصادقة',
  'api.public': 'مفتوح',
  'api.token': 'مفتاح API',
  'api.empty': 'لا توجد عمليات حتى الآن.',
};

const fa: TranslationOf<typeof sv> = {
  'nav.home': 'صفحه اصلی',
  'role.resident':
    'به عنوان ساکن کمون می‌توانید برای آموزش زبان سوئدی ویژه مهاجران (SFI) درخواست بدهید و پرونده‌های خود را در «صفحات من» (Mina sidor) پیگیری کنید.',
  'role.employee': 'به عنوان کارمند می‌توانید اتاق جلسه رزرو کنید، اینترانت را بخوانید و به نظرسنجی‌ها پاسخ دهید.',
  'role.caseworker': 'به عنوان کارشناس پرونده، به پرونده‌هایی رسیدگی می‌کنید که قواعد سیستم برای بررسی دستی می‌فرستند.',
  'role.civic-lab': 'به عنوان عضو آزمایشگاه نوآوری، پیشنهادهای بهبود را دریافت و پیگیری می‌کنید.',
  'role.admin': 'به عنوان مدیر سیستم، کارهای ناموفق، نامه‌های ارسال‌شده و تنظیمات را می‌بینید.',
  'admin.jobs': 'کارهای ناموفق',
  'admin.outbox': 'صندوق خروجی (حالت توسعه)',
  'a11y.title': 'بیانیه دسترس‌پذیری',
  'a11y.intro':
    '{municipality} مسئول این وب‌سایت است. ما می‌خواهیم تا جای ممکن افراد بیشتری بتوانند از آن استفاده کنند. در اینجا توضیح می‌دهیم که این وب‌سایت چگونه با قانون دسترس‌پذیری خدمات عمومی دیجیتال (DOS-lagen) مطابقت دارد، چه مشکلات دسترس‌پذیری شناخته‌شده‌ای دارد و چگونه می‌توانید کمبودها را گزارش کنید تا آن‌ها را برطرف کنیم.',
  'a11y.status.heading': 'این وب‌سایت چقدر دسترس‌پذیر است؟',
  'a11y.status.body':
    'این وب‌سایت به دلیل کمبودهایی که در زیر آمده است، تا حدی با قانون دسترس‌پذیری خدمات عمومی دیجیتال مطابقت دارد. ما از استاندارد \u2066EN 301 549\u2069 و \u2066WCAG 2.1\u2069 سطح AA پیروی می‌کنیم.',
  'a11y.problems.heading': 'کمبودهای شناخته‌شده',
  'a11y.problems.1':
    'نامه‌های تصمیم در قالب PDF به زبان سوئدی هستند. همین توضیح به زبان شما در «صفحات من» (Mina sidor) وجود دارد.',
  'a11y.problems.2': 'ورود آزمایشی در محیط نمایشی، هویت الکترونیکی واقعی نیست و در سیستم اصلی استفاده نمی‌شود.',
  'a11y.feedback.heading': 'اگر نمی‌توانید از بخش‌هایی از وب‌سایت استفاده کنید',
  'a11y.feedback.body':
    'اگر محتوا را در قالب دیگری نیاز دارید، یا کمبودهایی پیدا کردید که ما توضیح نداده‌ایم، با ما تماس بگیرید. اگر بتوانیم، آن را برطرف می‌کنیم.',
  'a11y.feedback.contact': 'ایمیل: \u2066{email}\u2069. تلفن: \u2066{phone}\u2069. ما ظرف دو روز کاری پاسخ می‌دهیم.',
  'a11y.enforcement.heading': 'نظارت',
  'a11y.enforcement.body':
    'اداره مدیریت دیجیتال (Digg) مسئول نظارت بر قانون دسترس‌پذیری خدمات عمومی دیجیتال است. اگر از نحوه رسیدگی ما به نظرات خود راضی نیستید، می‌توانید با Digg تماس بگیرید و موضوع را گزارش کنید.',
  'a11y.enforcement.link': 'گزارش کمبود دسترس‌پذیری دیجیتال به Digg',
  'a11y.testing.heading': 'چگونه وب‌سایت را آزمایش کرده‌ایم',
  'a11y.testing.body':
    'هر صفحه با هر تغییر، به‌طور خودکار با ابزار axe بر اساس \u2066WCAG 2.1\u2069 سطح A و AA در آزمون‌های مرورگر، و همچنین با صفحه‌کلید آزمایش می‌شود. این وب‌سایت در {published} منتشر شد. این بیانیه آخرین بار در {assessed} به‌روز شد.',
  'api.title': 'مستندات API',
  'api.lead':
    'سیستم‌های یکپارچه‌سازی با یک کلید API از API استفاده می‌کنند (\u2066Authorization: Bearer …\u2069). خطاها با فرمت application/problem+json برگردانده می‌شوند.',
  'api.document': 'سند OpenAPI (JSON)',
  'api.method': 'روش',
  'api.path': 'مسیر',
  'api.summary': 'توضیح',
  'api.auth': 'احراز هویت',
  'api.public': 'باز',
  'api.token': 'کلید API',
  'api.empty': 'هنوز هیچ عملیاتی وجود ندارد.',
};

const so: TranslationOf<typeof sv> = {
  'nav.home': 'Bogga hore',
  'role.resident':
    'Adiga oo degmada ku nool, waxaad codsan kartaa waxbarashada af-Iswiidhishka ee soogalootiga (SFI), waxaadna kula socon kartaa kiisaskaaga Boggayga (Mina sidor).',
  'role.employee':
    'Adiga oo shaqaale ah, waxaad ballansan kartaa qolalka kulanka, akhriyi kartaa intraanetka, oo ka jawaabi kartaa sahannada.',
  'role.caseworker':
    'Adiga oo ah sarkaalka kiiska, waxaad maareysaa kiisaska ay xeerarku u diraan in qof gacanta ku hubiyo.',
  'role.civic-lab':
    'Adiga oo xubin ka ah shaybaarka hal-abuurka, waxaad heshaa oo dabagashaa soo-jeedinnada horumarinta.',
  'role.admin': 'Adiga oo maamule ah, waxaad arkaysaa shaqooyinka fashilmay, boostada la diray iyo dejinta.',
  'admin.jobs': 'Shaqooyinka fashilmay',
  'admin.outbox': 'Sanduuqa dirista (qaabka horumarinta)',
  'a11y.title': 'Bayaanka helitaanka',
  'a11y.intro':
    '{municipality} ayaa mas’uul ka ah websaydkan. Waxaan rabnaa in dad badan intii suurtagal ah ay isticmaali karaan. Halkan waxaan ku sharraxaynaa sida websaydku ula jaanqaado sharciga helitaanka adeegyada dowladda ee dijitaalka ah (DOS-lagen), dhibaatooyinka helitaanka ee la og yahay, iyo sida aad u soo sheegi karto cilladaha si aan u hagaajino.',
  'a11y.status.heading': 'Heerka helitaanka websaydka',
  'a11y.status.body':
    'Websaydku qayb ahaan ayuu waafaqsan yahay sharciga helitaanka adeegyada dowladda ee dijitaalka ah, sababo la xiriira cilladaha hoos lagu sharraxay. Waxaan raacnaa heerka EN 301 549 iyo WCAG 2.1 heerka AA.',
  'a11y.problems.heading': 'Cilladaha la og yahay',
  'a11y.problems.1':
    'Warqadaha go’aanka ee qaabka PDF waa af-Iswiidhish. Isla sharraxaadda waxaad luqaddaada ku heli kartaa Boggayga (Mina sidor).',
  'a11y.problems.2':
    'Soo gelitaanka tijaabada ee jawiga bandhigga ma aha aqoonsi elektaroonig ah oo dhab ah, lagumana isticmaalo adeegga dhabta ah.',
  'a11y.feedback.heading': 'Haddii aadan isticmaali karin qaybo ka mid ah websaydka',
  'a11y.feedback.body':
    'Haddii aad u baahan tahay macluumaadka qaab kale, ama aad hesho cillado aynaan sharraxin, nala soo xiriir. Waan hagaajin doonnaa haddii aan awoodno.',
  'a11y.feedback.contact': 'Iimayl: {email}. Telefoon: {phone}. Waxaan ku jawaabnaa laba maalmood oo shaqo gudahood.',
  'a11y.enforcement.heading': 'Kormeerka',
  'a11y.enforcement.body':
    'Hay’adda Maamulka Dijitaalka (Digg) ayaa mas’uul ka ah kormeerka sharciga helitaanka adeegyada dowladda ee dijitaalka ah. Haddii aadan ku qanacsanayn sida aan u maareynay fikradahaaga, waxaad la xiriiri kartaa Digg oo u sheegi kartaa.',
  'a11y.enforcement.link': 'U soo sheeg Digg cillad ku jirta helitaanka dijitaalka ah',
  'a11y.testing.heading': 'Sida aan u tijaabinay websaydka',
  'a11y.testing.body':
    'Bog kasta waxaa si toos ah loogu tijaabiyaa qalabka axe marka loo eego WCAG 2.1 A iyo AA, tijaabooyinka browser-ka mar kasta oo isbeddel dhaco, iyo sidoo kale kiiboodhka. Websaydka waxaa la daabacay {published}. Bayaankan waxaa ugu dambeyn la cusboonaysiiyay {assessed}.',
  'api.title': 'Dukumentiyada API',
  'api.lead':
    'Nidaamyada isku xirka waxay API-ga u isticmaalaan furaha API (Authorization: Bearer …). Khaladaadka waxaa loo soo celiyaa sida application/problem+json.',
  'api.document': 'Dukumentiga OpenAPI (JSON)',
  'api.method': 'Habka',
  'api.path': 'Waddada',
  'api.summary': 'Sharraxaad',
  'api.auth': 'Xaqiijinta',
  'api.public': 'Furan',
  'api.token': 'Furaha API',
  'api.empty': 'Weli ma jiraan hawlgallo.',
};

const ti: TranslationOf<typeof sv> = {
  'nav.home': 'መበገሲ ገጽ',
  'role.resident': 'ከም ነባሪ፣ ናብ ትምህርቲ ቋንቋ ሽወደን ንስደተኛታት (SFI) ከተመልክቱን ጉዳያትኩም ኣብ «ገጻተይ» (Mina sidor) ክትከታተሉን ትኽእሉ።',
  'role.employee': 'ከም ሰራሕተኛ፣ ክፍሊ ኣኼባ ክትሕጽሩ፣ ኢንትራኔት ከተንብቡን ንመጽናዕቲ ክትምልሱን ትኽእሉ።',
  'role.caseworker': 'ከም ሰራሕተኛ ጉዳያት፣ ነቶም ብመሰረት ሕግታት ብሰብ ክምርመሩ ዝተሰዱ ጉዳያት ተካይዱ።',
  'role.civic-lab': 'ከም ኣባል ቤት-ፈተነ ሓድሽ ምህዞ፣ ናይ ምምሕያሽ ሓሳባት ትቕበሉን ትከታተሉን።',
  'role.admin': 'ከም ኣመሓዳሪ፣ ዘይተዓወቱ ስራሓት፣ ዝተላእኩ መልእኽትታትን ምድላዋትን ትርእዩ።',
  'admin.jobs': 'ዘይተዓወቱ ስራሓት',
  'admin.outbox': 'ዝወጹ መልእኽትታት (ናይ ምምዕባል ኩነታት)',
  'a11y.title': 'መግለጺ ተበጻሕነት',
  'a11y.intro':
    '{municipality} ነዚ መርበብ ሓበሬታ ሓላፍነት ይወስድ። ብዙሓት ሰባት ክጥቀሙሉ ክኽእሉ ንደሊ። ኣብዚ እቲ መርበብ ሓበሬታ ንሕጊ ተበጻሕነት ዲጂታላዊ ህዝባዊ ኣገልግሎት (DOS-lagen) ብኸመይ ከም ዘማልእ፣ ዝፍለጡ ጸገማት ተበጻሕነት፣ ከምኡውን ክንእርሞም ምእንቲ ጉድለታት ብኸመይ ክትሕብሩ ከም እትኽእሉ ንገልጽ።',
  'a11y.status.heading': 'እቲ መርበብ ሓበሬታ ክሳብ ክንደይ ተበጻሒ እዩ?',
  'a11y.status.body':
    'እቲ መርበብ ሓበሬታ፣ ብሰንኪ ኣብ ታሕቲ ዝተገልጹ ጉድለታት፣ ብኸፊል ጥራይ ምስ ሕጊ ተበጻሕነት ዲጂታላዊ ህዝባዊ ኣገልግሎት ይሰማማዕ። ንሕና ደረጃ EN 301 549 ከምኡውን WCAG 2.1 ደረጃ AA ንኽተል።',
  'a11y.problems.heading': 'ዝፍለጡ ጉድለታት',
  'a11y.problems.1': 'ናይ ውሳነ ደብዳቤታት ብPDF ብቋንቋ ሽወደን እዮም። ተመሳሳሊ መብርሂ ብቋንቋኹም ኣብ «ገጻተይ» (Mina sidor) ይርከብ።',
  'a11y.problems.2': 'እቲ ኣብ ናይ ምርኢት ከባቢ ዘሎ ናይ ፈተነ ምእታው ሓቀኛ ኤሌክትሮኒካዊ መንነት ኣይኮነን፣ ኣብ ሓቀኛ ኣገልግሎት ድማ ኣይጥቀመሉን።',
  'a11y.feedback.heading': 'ገለ ክፍልታት ናይቲ መርበብ ሓበሬታ ክትጥቀሙ እንተ ዘይክኢልኩም',
  'a11y.feedback.body': 'ትሕዝቶ ብኻልእ መልክዕ እንተ ደሊኹም፣ ወይ ዘይገለጽናዮም ጉድለታት እንተ ረኺብኩም፣ ተወከሱና። እንተ ኽኢልና ክንእርሞ ኢና።',
  'a11y.feedback.contact': 'ኢመይል: {email}። ተሌፎን: {phone}። ኣብ ውሽጢ ክልተ መዓልቲ ስራሕ ንምልስ።',
  'a11y.enforcement.heading': 'ቁጽጽር',
  'a11y.enforcement.body':
    'ትካል ዲጂታላዊ ምምሕዳር (Digg) ንሕጊ ተበጻሕነት ዲጂታላዊ ህዝባዊ ኣገልግሎት ናይ ምቁጽጻር ሓላፍነት ኣለዎ። ብኣተሓሕዛና ርእይቶኹም እንተ ዘይዓጊብኩም፣ ንDigg ተወኪስኩም ክትሕብሩ ትኽእሉ።',
  'a11y.enforcement.link': 'ጉድለት ዲጂታላዊ ተበጻሕነት ንDigg ሕብሩ',
  'a11y.testing.heading': 'ነቲ መርበብ ሓበሬታ ብኸመይ ፈቲንናዮ',
  'a11y.testing.body':
    'ነፍሲ ወከፍ ገጽ ኣብ ነፍሲ ወከፍ ለውጢ ብኣውቶማቲክ ብመሳርሒ axe ብመሰረት WCAG 2.1 A ከምኡውን AA ኣብ ፈተነታት መርበብ-ሰሌዳ (browser) ይፍተን፣ ከምኡውን ብመጽሓፊ ሰሌዳ (keyboard)። እቲ መርበብ ሓበሬታ ኣብ {published} ተዘርጊሑ። እዚ መግለጺ ንመወዳእታ ግዜ ኣብ {assessed} ተሓዲሱ።',
  'api.title': 'ሰነዳት API',
  'api.lead':
    'ምትእስሳር ዝገብሩ ስርዓታት ነቲ API ብመፍትሕ API ይጥቀሙሉ (Authorization: Bearer …)። ጌጋታት ከም application/problem+json ይምለሱ።',
  'api.document': 'ሰነድ OpenAPI (JSON)',
  'api.method': 'ሜላ',
  'api.path': 'መንገዲ',
  'api.summary': 'መግለጺ',
  'api.auth': 'ምርግጋጽ መንነት',
  'api.public': 'ክፉት',
  'api.token': 'መፍትሕ API',
  'api.empty': 'ክሳብ ሕጂ ዝኾነ ስርሒት የለን።',
};

const uk: TranslationOf<typeof sv> = {
  'nav.home': 'Головна',
  'role.resident':
    'Як мешканець ви можете подати заяву на курс шведської мови для іммігрантів (SFI) і стежити за своїми справами в розділі «Мої сторінки» (Mina sidor).',
  'role.employee': 'Як працівник ви можете бронювати кімнати для нарад, читати інтранет і відповідати на опитування.',
  'role.caseworker':
    'Як працівник, що розглядає справи, ви опрацьовуєте справи, які правила передають на ручний розгляд.',
  'role.civic-lab': 'Як учасник інноваційної лабораторії ви отримуєте пропозиції щодо покращення та опрацьовуєте їх.',
  'role.admin': 'Як адміністратор ви бачите невдалі завдання, надіслану пошту та налаштування.',
  'admin.jobs': 'Невдалі завдання',
  'admin.outbox': 'Вихідні (режим розробки)',
  'a11y.title': 'Заява про доступність',
  'a11y.intro':
    '{municipality} відповідає за цей вебсайт. Ми хочемо, щоб ним могло користуватися якомога більше людей. Тут ми описуємо, як вебсайт відповідає Закону про доступність цифрових публічних послуг (DOS-lagen), які є відомі проблеми з доступністю і як ви можете повідомити про недоліки, щоб ми їх виправили.',
  'a11y.status.heading': 'Наскільки доступний вебсайт?',
  'a11y.status.body':
    'Вебсайт частково відповідає Закону про доступність цифрових публічних послуг через недоліки, описані нижче. Ми дотримуємося стандарту EN 301 549 і WCAG 2.1 рівня AA.',
  'a11y.problems.heading': 'Відомі недоліки',
  'a11y.problems.1':
    'Листи з рішеннями у форматі PDF написані шведською мовою. Те саме пояснення вашою мовою є в розділі «Мої сторінки» (Mina sidor).',
  'a11y.problems.2':
    'Тестовий вхід у демонстраційному середовищі не є справжнім електронним посвідченням і не використовується в робочій системі.',
  'a11y.feedback.heading': 'Якщо ви не можете користуватися частинами вебсайту',
  'a11y.feedback.body':
    'Якщо вам потрібен вміст в іншому форматі або ви знайшли недоліки, які ми не описали, зв’яжіться з нами. Ми виправимо це, якщо зможемо.',
  'a11y.feedback.contact': 'Електронна пошта: {email}. Телефон: {phone}. Ми відповідаємо протягом двох робочих днів.',
  'a11y.enforcement.heading': 'Нагляд',
  'a11y.enforcement.body':
    'Агентство з цифрового управління (Digg) здійснює нагляд за дотриманням Закону про доступність цифрових публічних послуг. Якщо вас не влаштовує, як ми розглядаємо ваші відгуки, ви можете звернутися до Digg і повідомити про це.',
  'a11y.enforcement.link': 'Повідомити Digg про недолік цифрової доступності',
  'a11y.testing.heading': 'Як ми перевіряли вебсайт',
  'a11y.testing.body':
    'Кожну сторінку автоматично перевіряють інструментом axe на відповідність WCAG 2.1 рівнів A і AA у браузерних тестах після кожної зміни, а також за допомогою клавіатури. Вебсайт опубліковано {published}. Цю заяву востаннє оновлено {assessed}.',
  'api.title': 'Документація API',
  'api.lead':
    'Інтеграції використовують API з ключем API (Authorization: Bearer …). Помилки повертаються у форматі application/problem+json.',
  'api.document': 'Документ OpenAPI (JSON)',
  'api.method': 'Метод',
  'api.path': 'Шлях',
  'api.summary': 'Опис',
  'api.auth': 'Автентифікація',
  'api.public': 'Відкритий',
  'api.token': 'Ключ API',
  'api.empty': 'Поки що операцій немає.',
};

const catalogs = { sv, en, ar, fa, so, ti, uk };

export function portalTranslator(locale: Locale) {
  return createTranslator(catalogs, locale);
}
