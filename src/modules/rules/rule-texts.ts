import type { Locale } from '../../platform/i18n/index.ts';

/** A rule-file text in every language but Swedish (the rule file's own). */
export type RuleTextTranslations = Readonly<Record<Exclude<Locale, 'sv'>, string>>;

/**
 * The rule files' own texts — table and column names, what each row and node means, version
 * descriptions — in the six other languages, keyed by their Swedish wording in the rule file.
 * The rule files are never edited for a translation: their content hash is stored with every
 * decision. A text the rule file changes has no translation until one is added here, and is shown
 * in Swedish meanwhile (rule-texts.test.ts names it). Legal references stay Swedish inside the
 * translations, marked `<sv>…</sv>`; for ar and fa, Latin letters with digits or dashes sit in a
 * left-to-right isolate (\u2066…\u2069), as in the glossary.
 */
export const RULE_TEXTS: Readonly<Record<string, RuleTextTranslations>> = {
  // Version descriptions.
  'Rätt till sfi och preliminär studieväg, för beslut 1 januari–31 december 2025: skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§. Rätten har ingen tidsgräns (rightExpires är tom).':
    {
      en: 'The right to SFI and the preliminary study path, for decisions from 1 January to 31 December 2025: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>. The right has no time limit (rightExpires is empty).',
      ar: 'الحق في SFI والمسار الدراسي المبدئي، للقرارات من 1 يناير إلى 31 ديسمبر 2025: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>. الحق ليس له حد زمني (rightExpires فارغ).',
      fa: 'حق SFI و مسیر تحصیلی اولیه، برای تصمیم‌های 1 ژانویه تا 31 دسامبر 2025: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>. این حق محدودیت زمانی ندارد (rightExpires خالی است).',
      so: 'Xaqa SFI iyo jidka waxbarashada ee hordhaca ah, go’aannada 1 Janaayo ilaa 31 Diseembar 2025: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>. Xaqu ma laha xad waqti (rightExpires waa madhan).',
      ti: 'መሰል SFI ከምኡ’ውን ናይ መጀመርታ መንገዲ ትምህርቲ፣ ንውሳነታት ካብ 1 ጥሪ ክሳብ 31 ታሕሳስ 2025: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>። እቲ መሰል ናይ ግዜ ደረት የብሉን (rightExpires ባዶ እዩ)።',
      uk: 'Право на SFI і попередній навчальний шлях, для рішень з 1 січня до 31 грудня 2025 року: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>. Право не обмежене в часі (rightExpires порожнє).',
    },
  'Rätt till sfi och preliminär studieväg, för beslut från och med 1 januari 2026: skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§, med den treåriga rätten enligt prop. 2025/26:10.':
    {
      en: 'The right to SFI and the preliminary study path, for decisions from 1 January 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>, with the three-year right under <sv>prop. 2025/26:10</sv>.',
      ar: 'الحق في SFI والمسار الدراسي المبدئي، للقرارات ابتداءً من 1 يناير 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>، مع الحق لمدة ثلاث سنوات وفق <sv>prop. 2025/26:10</sv>.',
      fa: 'حق SFI و مسیر تحصیلی اولیه، برای تصمیم‌ها از 1 ژانویه 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>، با حق سه‌ساله طبق <sv>prop. 2025/26:10</sv>.',
      so: 'Xaqa SFI iyo jidka waxbarashada ee hordhaca ah, go’aannada laga bilaabo 1 Janaayo 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>, oo leh xaqa saddexda sano sida ku qoran <sv>prop. 2025/26:10</sv>.',
      ti: 'መሰል SFI ከምኡ’ውን ናይ መጀመርታ መንገዲ ትምህርቲ፣ ንውሳነታት ካብ 1 ጥሪ 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>፣ ምስቲ ብመሰረት <sv>prop. 2025/26:10</sv> ዘሎ ናይ ሰለስተ ዓመት መሰል።',
      uk: 'Право на SFI і попередній навчальний шлях, для рішень з 1 січня 2026 року: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>, із трирічним правом згідно з <sv>prop. 2025/26:10</sv>.',
    },

  // Derived dates.
  'Härledda datum: när rätten börjar': {
    en: 'Derived dates: when the right begins',
    ar: 'تواريخ محسوبة: متى يبدأ الحق',
    fa: 'تاریخ‌های محاسبه‌شده: حق از چه زمانی شروع می‌شود',
    so: 'Taariikhaha la xisaabiyey: goorta uu xaqu bilaabmo',
    ti: 'ዝተሰልሑ ዕለታት: እቲ መሰል መዓስ ይጅምር',
    uk: 'Обчислені дати: коли починається право',
  },
  'Härledda datum: när rätten börjar och när treårsrätten upphör': {
    en: 'Derived dates: when the right begins and when the three-year right ends',
    ar: 'تواريخ محسوبة: متى يبدأ الحق ومتى ينتهي الحق لمدة ثلاث سنوات',
    fa: 'تاریخ‌های محاسبه‌شده: حق از چه زمانی شروع می‌شود و حق سه‌ساله چه زمانی تمام می‌شود',
    so: 'Taariikhaha la xisaabiyey: goorta uu xaqu bilaabmo iyo goorta uu xaqa saddexda sano dhammaado',
    ti: 'ዝተሰልሑ ዕለታት: እቲ መሰል መዓስ ይጅምር፣ ናይ ሰለስተ ዓመት መሰል ድማ መዓስ ይውዳእ',
    uk: 'Обчислені дати: коли починається право і коли закінчується трирічне право',
  },
  'Datum som reglerna nedan jämför med beslutsdatum.': {
    en: 'Dates that the rules below compare with the decision date.',
    ar: 'تواريخ تقارنها القواعد أدناه بتاريخ القرار.',
    fa: 'تاریخ‌هایی که قواعد زیر با تاریخ تصمیم مقایسه می‌کنند.',
    so: 'Taariikho ay xeerarka hoose la barbar dhigaan taariikhda go’aanka.',
    ti: 'እቶም ኣብ ታሕቲ ዘለዉ ሕግታት ምስ ዕለት ውሳነ ዘነጻጽርዎም ዕለታት።',
    uk: 'Дати, які правила нижче порівнюють із датою рішення.',
  },
  'Rätten till sfi börjar 1 juli det år sökanden fyller 16 (SkolL 20 kap. 31 §).': {
    en: 'The right to SFI begins on 1 July of the year the applicant turns 16 (<sv>SkolL 20 kap. 31 §</sv>).',
    ar: 'يبدأ الحق في SFI في 1 يوليو من السنة التي يبلغ فيها مقدّم الطلب 16 عامًا (<sv>SkolL 20 kap. 31 §</sv>).',
    fa: 'حق SFI از 1 ژوئیه سالی که متقاضی 16 ساله می‌شود شروع می‌شود (<sv>SkolL 20 kap. 31 §</sv>).',
    so: 'Xaqa SFI wuxuu bilaabmaa 1 Luulyo sannadka uu codsaduhu buuxiyo 16 sano (<sv>SkolL 20 kap. 31 §</sv>).',
    ti: 'መሰል SFI ኣብቲ ኣመልካቲ 16 ዓመት ዝመልኣሉ ዓመት ብ1 ሓምለ ይጅምር (<sv>SkolL 20 kap. 31 §</sv>)።',
    uk: 'Право на SFI починається 1 липня того року, коли заявникові виповнюється 16 років (<sv>SkolL 20 kap. 31 §</sv>).',
  },
  'Treårsrätten räknas från första antagningen. För den som antogs före 2026 räknas den från 1 januari 2026. Utan tidigare antagning räknas den från beslutsdatum.':
    {
      en: 'The three-year right is counted from the first admission. For someone admitted before 2026 it is counted from 1 January 2026. Without an earlier admission it is counted from the decision date.',
      ar: 'يُحسب الحق لمدة ثلاث سنوات من أول قبول. لمن قُبل قبل 2026 يُحسب من 1 يناير 2026. إذا لم يكن هناك قبول سابق، يُحسب من تاريخ القرار.',
      fa: 'حق سه‌ساله از اولین پذیرش حساب می‌شود. برای کسی که پیش از 2026 پذیرفته شده، از 1 ژانویه 2026 حساب می‌شود. اگر پذیرش قبلی نباشد، از تاریخ تصمیم حساب می‌شود.',
      so: 'Xaqa saddexda sano waxaa laga xisaabiyaa aqbalaadda ugu horreysa. Qofka la aqbalay ka hor 2026 waxaa laga xisaabiyaa 1 Janaayo 2026. Haddii aan aqbalaad hore jirin, waxaa laga xisaabiyaa taariikhda go’aanka.',
      ti: 'ናይ ሰለስተ ዓመት መሰል ካብ ቀዳማይ ምቕባል ይቑጸር። ነቲ ቅድሚ 2026 ዝተቐበለ ካብ 1 ጥሪ 2026 ይቑጸር። ቅድሚኡ ምቕባል እንተዘይብሉ ካብ ዕለት ውሳነ ይቑጸር።',
      uk: 'Трирічне право рахують від першого зарахування. Для тих, кого зарахували до 2026 року, його рахують від 1 січня 2026 року. Якщо раніше зарахування не було, його рахують від дати рішення.',
    },
  'Tre år efter start: samma dag tre år senare, eller månadens sista dag när den dagen saknas (start 29 februari ger 28 februari). Räknas som 36 månader eftersom det ger just det.':
    {
      en: 'Three years after the start: the same day three years later, or the last day of the month when that day does not exist (a start on 29 February gives 28 February). Counted as 36 months because that gives exactly this.',
      ar: 'ثلاث سنوات بعد البداية: اليوم نفسه بعد ثلاث سنوات، أو آخر يوم في الشهر إذا لم يوجد ذلك اليوم (البداية في 29 فبراير تعطي 28 فبراير). يُحسب على أنه 36 شهرًا لأن ذلك يعطي هذه النتيجة بالضبط.',
      fa: 'سه سال پس از شروع: همان روز سه سال بعد، یا آخرین روز ماه اگر آن روز وجود نداشته باشد (شروع در 29 فوریه، 28 فوریه می‌شود). به صورت 36 ماه حساب می‌شود، چون دقیقاً همین نتیجه را می‌دهد.',
      so: 'Saddex sano kadib bilowga: isla maalintaas saddex sano kadib, ama maalinta ugu dambeysa bisha haddii maalintaas aysan jirin (bilow 29 Febraayo wuxuu noqonayaa 28 Febraayo). Waxaa loo xisaabiyaa 36 bilood sababtoo ah taasi ayaa saas siisa.',
      ti: 'ድሕሪ ምጅማር ሰለስተ ዓመት: ድሕሪ ሰለስተ ዓመት እታ ተመሳሳሊት መዓልቲ፣ ወይ እታ መዓልቲ እንተዘየላ እታ ናይ ወርሒ ናይ መወዳእታ መዓልቲ (ምጅማር ብ29 ለካቲት 28 ለካቲት ይኸውን)። ከምኡ ስለ ዝህብ ከም 36 ኣዋርሕ ይቑጸር።',
      uk: 'Три роки після початку: той самий день через три роки або останній день місяця, коли такого дня немає (початок 29 лютого дає 28 лютого). Рахують як 36 місяців, бо саме це дає такий результат.',
    },
  'Dagen då rätten upphör: tre år efter start, eller den dag en beviljad förlängning gäller till om den är senare. Ett beslut samma dag eller senare betyder att rätten har upphört.':
    {
      en: 'The day the right ends: three years after the start, or the last day of a granted extension if that is later. A decision on that day or later means the right has ended.',
      ar: 'اليوم الذي ينتهي فيه الحق: ثلاث سنوات بعد البداية، أو آخر يوم في تمديد ممنوح إذا كان لاحقًا. القرار في ذلك اليوم أو بعده يعني أن الحق انتهى.',
      fa: 'روزی که حق تمام می‌شود: سه سال پس از شروع، یا آخرین روز تمدیدی که داده شده، اگر دیرتر باشد. تصمیمی در همان روز یا بعد از آن یعنی حق تمام شده است.',
      so: 'Maalinta uu xaqu dhammaado: saddex sano kadib bilowga, ama maalinta ugu dambeysa ee kordhin la oggolaaday haddii ay ka dambeyso. Go’aan maalintaas ama kadib macnihiisu waa in xaqu dhammaaday.',
      ti: 'እቲ መሰል ዝውድኣላ መዓልቲ: ድሕሪ ምጅማር ሰለስተ ዓመት፣ ወይ እንተ ደንጉያ ናይ ዝተፈቕደ ምንዋሕ ናይ መወዳእታ መዓልቲ። ብእታ መዓልቲ ወይ ድሕሪኣ ዝወሃብ ውሳነ እቲ መሰል ከም ዝወድአ የርኢ።',
      uk: 'День, коли право закінчується: три роки після початку або останній день наданого продовження, якщо він пізніший. Рішення в цей день або пізніше означає, що право закінчилося.',
    },

  // The right to SFI.
  'Rätt till sfi: varje rad som stämmer ger ett skäl': {
    en: 'The right to SFI: each row that is true gives a reason',
    ar: 'الحق في SFI: كل صف ينطبق يعطي سببًا',
    fa: 'حق SFI: هر ردیفی که درست باشد یک دلیل می‌دهد',
    so: 'Xaqa SFI: saf kasta oo run ah wuxuu bixiyaa sabab',
    ti: 'መሰል SFI: ነፍሲ ወከፍ ዝሰማማዕ መስመር ሓደ ምኽንያት ይህብ',
    uk: 'Право на SFI: кожен рядок, що справджується, дає підставу',
  },
  'Alla rader prövas. Varje rad som stämmer ger ett utfall med skälkod och lagrum. Tomma rutor betyder att villkoret inte spelar roll för raden.':
    {
      en: 'Every row is checked. Each row that is true gives an outcome with a reason code and a legal provision. An empty box means the condition does not matter for that row.',
      ar: 'تُفحص كل الصفوف. كل صف ينطبق يعطي نتيجة مع رمز السبب والمرجع القانوني. الخانة الفارغة تعني أن الشرط لا يهم لهذا الصف.',
      fa: 'همه ردیف‌ها بررسی می‌شوند. هر ردیفی که درست باشد، یک نتیجه با کد دلیل و ماده قانونی می‌دهد. خانه خالی یعنی آن شرط برای آن ردیف مهم نیست.',
      so: 'Saf kasta waa la hubiyaa. Saf kasta oo run ah wuxuu bixiyaa natiijo leh koodka sababta iyo qodobka sharciga. Sanduuq madhan macnihiisu waa in shardigu aanu muhiim u ahayn safkaas.',
      ti: 'ኩሎም መስመራት ይምርመሩ። ነፍሲ ወከፍ ዝሰማማዕ መስመር ምስ ኮድ ምኽንያትን ሕጋዊ ዓንቀጽን ውጽኢት ይህብ። ባዶ ሳጹን እቲ ቅድመ ኩነት ነቲ መስመር ከም ዘየገድስ የርኢ።',
      uk: 'Перевіряють усі рядки. Кожен рядок, що справджується, дає результат із кодом підстави та правовою нормою. Порожня клітинка означає, що умова для цього рядка не має значення.',
    },
  'Beslutsdatum är före 1 juli det år sökanden fyller 16': {
    en: 'The decision date is before 1 July of the year the applicant turns 16',
    ar: 'تاريخ القرار قبل 1 يوليو من السنة التي يبلغ فيها مقدّم الطلب 16 عامًا',
    fa: 'تاریخ تصمیم پیش از 1 ژوئیه سالی است که متقاضی 16 ساله می‌شود',
    so: 'Taariikhda go’aanku waa ka hor 1 Luulyo sannadka uu codsaduhu buuxiyo 16 sano',
    ti: 'ዕለት ውሳነ ቅድሚ 1 ሓምለ ናይቲ ኣመልካቲ 16 ዓመት ዝመልኣሉ ዓመት እዩ',
    uk: 'Дата рішення раніше 1 липня того року, коли заявникові виповнюється 16 років',
  },
  'Grund för att bo i Sverige': {
    en: 'Basis for living in Sweden',
    ar: 'أساس الإقامة في السويد',
    fa: 'مبنای زندگی در سوئد',
    so: 'Sababta sharci ee aad ku deggan tahay Iswiidhan',
    ti: 'መሰረት ኣብ ሽወደን ምንባር',
    uk: 'Підстава для проживання у Швеції',
  },
  'Kommunen erbjuder sfi till personer med tillfälligt skydd': {
    en: 'The municipality offers SFI to people with temporary protection',
    ar: 'البلدية تقدم SFI للأشخاص الذين لديهم حماية مؤقتة',
    fa: 'کمون SFI را به افراد دارای حمایت موقت ارائه می‌دهد',
    so: 'Degmadu waxay SFI siisaa dadka haysta ilaalin ku meel gaar ah',
    ti: 'ምምሕዳር ከተማ ንዝተዋህቦም ግዝያዊ ሓለዋ SFI የቕርብ',
    uk: 'Муніципалітет пропонує SFI людям із тимчасовим захистом',
  },
  'Folkbokförd i en annan kommun': {
    en: 'Registered in another municipality',
    ar: 'مسجّل في سجل السكان في بلدية أخرى',
    fa: 'در ثبت جمعیت کمون دیگری ثبت شده',
    so: 'Ka diiwaangashan degmo kale',
    ti: 'ኣብ ካልእ ምምሕዳር ከተማ ዝተመዝገበ',
    uk: 'Зареєстрований в іншому муніципалітеті',
  },
  'Sökanden har angett särskilda skäl': {
    en: 'The applicant has given special reasons',
    ar: 'ذكر مقدّم الطلب أسبابًا خاصة',
    fa: 'متقاضی دلایل خاصی ذکر کرده است',
    so: 'Codsaduhu wuxuu sheegay sababo gaar ah',
    ti: 'ኣመልካቲ ፍሉያት ምኽንያታት ሂቡ ኣሎ',
    uk: 'Заявник навів особливі причини',
  },
  'Danska eller norska gör sfi onödigt': {
    en: 'Danish or Norwegian makes SFI unnecessary',
    ar: 'الدنماركية أو النرويجية تجعل SFI غير ضروري',
    fa: 'دانمارکی یا نروژی SFI را غیرضروری می‌کند',
    so: 'Af-Danish ama af-Norwegian ayaa ka dhigaya SFI mid aan loo baahnayn',
    ti: 'ዴንማርክኛ ወይ ኖርወይኛ SFI ዘየድሊ ይገብሮ',
    uk: 'Данська або норвезька робить SFI непотрібним',
  },
  "Kan redan svenska (egen uppgift 'god' eller avslutad kurs D)": {
    en: 'Already knows Swedish (own statement ‘good’ or course D completed)',
    ar: 'يعرف السويدية مسبقًا (ذكر بنفسه «جيد» أو أنهى الدورة D)',
    fa: 'از قبل سوئدی بلد است (خودش «خوب» گفته یا دوره D را تمام کرده)',
    so: 'Horeba wuu yaqaan af-Iswiidhishka (isagu wuxuu sheegay ‘wanaagsan’ ama wuxuu dhammeeyey koorsada D)',
    ti: 'ሽወድኛ ድሮ ይፈልጥ (ባዕሉ «ጽቡቕ» ኢሉ ወይ ኮርስ D ወዲኡ)',
    uk: 'Уже знає шведську (сам указав «добре» або завершив курс D)',
  },
  'Skyddad identitet': {
    en: 'Protected identity',
    ar: 'هوية محمية',
    fa: 'هویت محافظت‌شده',
    so: 'Aqoonsi la ilaaliyo',
    ti: 'ዝተሓለወ መንነት',
    uk: 'Захищені персональні дані',
  },
  Identitetsbeteckning: {
    en: 'Type of identity number',
    ar: 'نوع رقم الهوية',
    fa: 'نوع شماره هویت',
    so: 'Nooca lambarka aqoonsiga',
    ti: 'ዓይነት ቁጽሪ መንነት',
    uk: 'Тип ідентифікаційного номера',
  },
  'Har antagits till sfi tidigare': {
    en: 'Has been admitted to SFI before',
    ar: 'قُبل في SFI من قبل',
    fa: 'پیش‌تر در SFI پذیرفته شده است',
    so: 'Horay ayaa loogu aqbalay SFI',
    ti: 'ቅድሚ ሕጂ ናብ SFI ተቐቢሉ እዩ',
    uk: 'Раніше був зарахований на SFI',
  },
  'Beslutsdatum är samma dag som eller efter dagen då rätten till sfi upphör': {
    en: 'The decision date is on or after the day the right to SFI ends',
    ar: 'تاريخ القرار في اليوم الذي ينتهي فيه الحق في SFI أو بعده',
    fa: 'تاریخ تصمیم همان روز یا بعد از روزی است که حق SFI تمام می‌شود',
    so: 'Taariikhda go’aanku waa maalinta uu xaqa SFI dhammaado ama kadib',
    ti: 'ዕለት ውሳነ ኣብታ መሰል SFI ዝውድኣላ መዓልቲ ወይ ድሕሪኣ እዩ',
    uk: 'Дата рішення збігається з днем, коли закінчується право на SFI, або пізніша',
  },
  'Utfall (admit = antas, refuse = avslag, manual = handläggare prövar)': {
    en: 'Outcome (admit = admitted, refuse = refused, manual = a caseworker decides)',
    ar: 'النتيجة (admit = قبول، refuse = رفض، manual = يقرر الموظف المختص)',
    fa: 'نتیجه (admit = پذیرش، refuse = رد، manual = کارشناس پرونده تصمیم می‌گیرد)',
    so: 'Natiijada (admit = waa la aqbalay, refuse = waa la diiday, manual = sarkaalka kiiska ayaa go’aansanaya)',
    ti: 'ውጽኢት (admit = ተቐባልነት፣ refuse = ነጸጋ፣ manual = ሰራሕተኛ ጉዳያት ይውስን)',
    uk: 'Результат (admit = зараховано, refuse = відмовлено, manual = вирішує працівник)',
  },
  Skälkod: {
    en: 'Reason code',
    ar: 'رمز السبب',
    fa: 'کد دلیل',
    so: 'Koodka sababta',
    ti: 'ኮድ ምኽንያት',
    uk: 'Код підстави',
  },
  Lagrum: {
    en: 'Legal provision',
    ar: 'المرجع القانوني',
    fa: 'ماده قانونی',
    so: 'Qodobka sharciga',
    ti: 'ሕጋዊ ዓንቀጽ',
    uk: 'Правова норма',
  },
  '1. Sökanden har inte nått åldern för rätt till sfi: rätten börjar 1 juli det år hen fyller 16.': {
    en: '1. The applicant has not reached the age for the right to SFI: the right begins on 1 July of the year they turn 16.',
    ar: '1. لم يبلغ مقدّم الطلب سن الحق في SFI: يبدأ الحق في 1 يوليو من السنة التي يبلغ فيها 16 عامًا.',
    fa: '1. متقاضی به سن حق SFI نرسیده است: این حق از 1 ژوئیه سالی که 16 ساله می‌شود شروع می‌شود.',
    so: '1. Codsaduhu ma gaarin da’da xaqa SFI: xaqu wuxuu bilaabmaa 1 Luulyo sannadka uu buuxiyo 16 sano.',
    ti: '1. ኣመልካቲ ዕድመ መሰል SFI ኣይበጽሐን: እቲ መሰል ኣብቲ 16 ዓመት ዝመልኣሉ ዓመት ብ1 ሓምለ ይጅምር።',
    uk: '1. Заявник ще не досяг віку для права на SFI: право починається 1 липня того року, коли йому виповнюється 16 років.',
  },
  '2. Asylsökande och personer som vistas här utan tillstånd räknas som bosatta men har inte rätt till sfi.': {
    en: '2. Asylum seekers and people who stay here without a permit count as residents but have no right to SFI.',
    ar: '2. طالبو اللجوء والأشخاص المقيمون هنا بدون تصريح يُعدّون مقيمين، لكن ليس لهم حق في SFI.',
    fa: '2. پناه‌جویان و افرادی که بدون اجازه اینجا هستند ساکن به حساب می‌آیند، اما حق SFI ندارند.',
    so: '2. Magangalyo-doonka iyo dadka halkan ku jooga ogolaansho la’aan waxaa loo tiriyaa dad deggan, laakiin xaq uma laha SFI.',
    ti: '2. ዑቕባ ሓተትቲን ብዘይ ፍቓድ ኣብዚ ዝነብሩ ሰባትን ከም ነበርቲ ይቑጸሩ፣ ግን መሰል SFI የብሎምን።',
    uk: '2. Шукачі притулку та люди, які перебувають тут без дозволу, вважаються мешканцями, але не мають права на SFI.',
  },
  '3. Personer med tillfälligt skydd som inte är folkbokförda har inte rätt till sfi, och kommunen erbjuder inte sfi till gruppen.':
    {
      en: '3. People with temporary protection who are not registered in the population register have no right to SFI, and the municipality does not offer SFI to this group.',
      ar: '3. الأشخاص الذين لديهم حماية مؤقتة وغير مسجّلين في سجل السكان ليس لهم حق في SFI، والبلدية لا تقدم SFI لهذه الفئة.',
      fa: '3. افراد دارای حمایت موقت که در ثبت جمعیت ثبت نشده‌اند حق SFI ندارند، و کمون SFI را به این گروه ارائه نمی‌دهد.',
      so: '3. Dadka haysta ilaalin ku meel gaar ah oo aan ku diiwaangashanayn diiwaanka dadweynaha xaq uma laha SFI, degmaduna SFI ma siiso kooxdan.',
      ti: '3. ግዝያዊ ሓለዋ ዘለዎምን ኣብ መዝገብ ህዝቢ ዘይተመዝገቡን ሰባት መሰል SFI የብሎምን፣ ምምሕዳር ከተማ ድማ ነዚ ጉጅለ SFI ኣየቕርብን።',
      uk: '3. Люди з тимчасовим захистом, які не зареєстровані в реєстрі населення, не мають права на SFI, і муніципалітет не пропонує SFI цій групі.',
    },
  '4. Personer med tillfälligt skydd har inte rätt till sfi, men kommunen har valt att erbjuda det: en handläggare prövar erbjudandet.':
    {
      en: '4. People with temporary protection have no right to SFI, but the municipality has chosen to offer it: a caseworker examines the offer.',
      ar: '4. الأشخاص الذين لديهم حماية مؤقتة ليس لهم حق في SFI، لكن البلدية اختارت أن تقدمه: يدرس الموظف المختص العرض.',
      fa: '4. افراد دارای حمایت موقت حق SFI ندارند، اما کمون تصمیم گرفته آن را ارائه دهد: کارشناس پرونده این پیشنهاد را بررسی می‌کند.',
      so: '4. Dadka haysta ilaalin ku meel gaar ah xaq uma laha SFI, laakiin degmadu waxay dooratay inay bixiso: sarkaalka kiiska ayaa eegaya dalabka.',
      ti: '4. ግዝያዊ ሓለዋ ዘለዎም ሰባት መሰል SFI የብሎምን፣ ግን ምምሕዳር ከተማ ከቕርቦ መሪጹ ኣሎ: ሰራሕተኛ ጉዳያት ነቲ ዕድል ይምርምሮ።',
      uk: '4. Люди з тимчасовим захистом не мають права на SFI, але муніципалітет вирішив його пропонувати: пропозицію розглядає працівник.',
    },
  '5. Sökanden är folkbokförd i en annan kommun (hemkommunen ansvarar) och har inte angett särskilda skäl att läsa här.':
    {
      en: '5. The applicant is registered in another municipality (the home municipality is responsible) and has not given special reasons to study here.',
      ar: '5. مقدّم الطلب مسجّل في بلدية أخرى (البلدية التي يسكن فيها هي المسؤولة) ولم يذكر أسبابًا خاصة للدراسة هنا.',
      fa: '5. متقاضی در کمون دیگری ثبت شده است (کمون محل سکونت مسئول است) و دلیل خاصی برای تحصیل در اینجا ذکر نکرده است.',
      so: '5. Codsaduhu wuxuu ka diiwaangashan yahay degmo kale (degmada uu deggan yahay ayaa mas’uul ah), mana sheegin sababo gaar ah oo uu halkan wax ugu barto.',
      ti: '5. ኣመልካቲ ኣብ ካልእ ምምሕዳር ከተማ ተመዝጊቡ ኣሎ (ናይ መንበሪ ምምሕዳር ከተማ ሓላፍነት ኣለዎ)፣ ኣብዚ ንምምሃር ድማ ፍሉያት ምኽንያታት ኣይሃበን።',
      uk: '5. Заявник зареєстрований в іншому муніципалітеті (відповідає муніципалітет проживання) і не навів особливих причин навчатися тут.',
    },
  '6. Sökanden är folkbokförd i en annan kommun och har angett särskilda personliga skäl att läsa här: en handläggare prövar skälen.':
    {
      en: '6. The applicant is registered in another municipality and has given special personal reasons to study here: a caseworker examines the reasons.',
      ar: '6. مقدّم الطلب مسجّل في بلدية أخرى وذكر أسبابًا شخصية خاصة للدراسة هنا: يدرس الموظف المختص هذه الأسباب.',
      fa: '6. متقاضی در کمون دیگری ثبت شده و دلایل شخصی خاصی برای تحصیل در اینجا ذکر کرده است: کارشناس پرونده این دلایل را بررسی می‌کند.',
      so: '6. Codsaduhu wuxuu ka diiwaangashan yahay degmo kale, wuxuuna sheegay sababo shakhsi ah oo gaar ah oo uu halkan wax ugu barto: sarkaalka kiiska ayaa eegaya sababaha.',
      ti: '6. ኣመልካቲ ኣብ ካልእ ምምሕዳር ከተማ ተመዝጊቡ ኣሎ፣ ኣብዚ ንምምሃር ድማ ፍሉያት ውልቃዊ ምኽንያታት ሂቡ: ሰራሕተኛ ጉዳያት ነቶም ምኽንያታት ይምርምሮም።',
      uk: '6. Заявник зареєстрований в іншому муніципалітеті і навів особливі особисті причини навчатися тут: ці причини розглядає працівник.',
    },
  '7. EU/EES- eller schweizisk medborgare med uppehållsrätt: rätt till sfi om hen bor i kommunen, vilket behöver styrkas.':
    {
      en: '7. A citizen of an EU/EEA country or Switzerland with a right of residence: has the right to SFI if they live in the municipality, which must be shown.',
      ar: '7. مواطن من دولة في الاتحاد الأوروبي أو المنطقة الاقتصادية الأوروبية أو سويسرا ولديه حق الإقامة: له الحق في SFI إذا كان يسكن في البلدية، ويجب إثبات ذلك.',
      fa: '7. شهروند یکی از کشورهای اتحادیه اروپا، منطقه اقتصادی اروپا یا سوئیس با حق اقامت: اگر در کمون زندگی کند حق SFI دارد، که باید ثابت شود.',
      so: '7. Muwaadin ka yimid waddan Midowga Yurub ah, EEA ama Swiss oo leh xaq deganaansho: wuxuu xaq u leeyahay SFI haddii uu ku nool yahay degmada, taas oo u baahan in la caddeeyo.',
      ti: '7. ዜጋ ሃገር ኤውሮጳዊ ሕብረት፣ EEA ወይ ስዊዘርላንድ ምስ መሰል መንበሪ: ኣብቲ ምምሕዳር ከተማ እንተ ነቢሩ መሰል SFI ኣለዎ፣ እዚ ድማ ክረጋገጽ ኣለዎ።',
      uk: '7. Громадянин країни ЄС/ЄЕЗ або Швейцарії з правом на проживання: має право на SFI, якщо живе в муніципалітеті, і це треба підтвердити.',
    },
  '8. Finsk medborgare som bor i Finland nära gränsen och arbetar stadigvarande i kommunen: behöver styrkas.': {
    en: '8. A Finnish citizen who lives in Finland near the border and works permanently in the municipality: must be shown.',
    ar: '8. مواطن فنلندي يسكن في فنلندا قرب الحدود ويعمل بشكل دائم في البلدية: يجب إثبات ذلك.',
    fa: '8. شهروند فنلاند که در فنلاند نزدیک مرز زندگی می‌کند و به طور دائم در کمون کار می‌کند: باید ثابت شود.',
    so: '8. Muwaadin Finland ah oo ku nool Finland meel u dhow xadka oo si joogto ah uga shaqeeya degmada: waa in la caddeeyo.',
    ti: '8. ኣብ ፊንላንድ ጥቓ ዶብ ዝነብርን ኣብቲ ምምሕዳር ከተማ ብቐጻሊ ዝሰርሕን ዜጋ ፊንላንድ: ክረጋገጽ ኣለዎ።',
    uk: '8. Громадянин Фінляндії, який живе у Фінляндії біля кордону і постійно працює в муніципалітеті: це треба підтвердити.',
  },
  '9. Grunden för att bo i Sverige är oklar: en handläggare utreder om sökanden är bosatt.': {
    en: '9. The basis for living in Sweden is unclear: a caseworker looks into whether the applicant is a resident.',
    ar: '9. أساس الإقامة في السويد غير واضح: يتحقق الموظف المختص مما إذا كان مقدّم الطلب مقيمًا.',
    fa: '9. مبنای زندگی در سوئد روشن نیست: کارشناس پرونده بررسی می‌کند که آیا متقاضی ساکن است.',
    so: '9. Sababta sharci ee uu ku deggan yahay Iswiidhan ma cadda: sarkaalka kiiska ayaa baaraya in codsaduhu deggan yahay.',
    ti: '9. መሰረት ኣብ ሽወደን ምንባር ንጹር ኣይኮነን: ሰራሕተኛ ጉዳያት ኣመልካቲ ነባሪ እንተኾይኑ የጻሪ።',
    uk: '9. Підстава для проживання у Швеції неясна: працівник з’ясовує, чи є заявник мешканцем.',
  },
  '10. Sökanden kan danska eller norska, vilket kan göra sfi onödigt: en handläggare prövar.': {
    en: '10. The applicant knows Danish or Norwegian, which can make SFI unnecessary: a caseworker examines this.',
    ar: '10. يعرف مقدّم الطلب الدنماركية أو النرويجية، وهذا قد يجعل SFI غير ضروري: يدرس الموظف المختص ذلك.',
    fa: '10. متقاضی دانمارکی یا نروژی بلد است، که ممکن است SFI را غیرضروری کند: کارشناس پرونده آن را بررسی می‌کند.',
    so: '10. Codsaduhu wuxuu yaqaan af-Danish ama af-Norwegian, taas oo ka dhigi karta SFI mid aan loo baahnayn: sarkaalka kiiska ayaa eegaya.',
    ti: '10. ኣመልካቲ ዴንማርክኛ ወይ ኖርወይኛ ይፈልጥ፣ እዚ ድማ SFI ዘየድሊ ክገብሮ ይኽእል: ሰራሕተኛ ጉዳያት ይምርምሮ።',
    uk: '10. Заявник знає данську або норвезьку, і це може зробити SFI непотрібним: це розглядає працівник.',
  },
  '11. Sökanden har redan goda kunskaper i svenska eller har avslutat kurs D: en handläggare prövar om sökanden saknar de grundläggande kunskaper som sfi ger.':
    {
      en: '11. The applicant already knows Swedish well or has completed course D: a caseworker examines whether the applicant lacks the basic knowledge that SFI gives.',
      ar: '11. لدى مقدّم الطلب معرفة جيدة بالسويدية أو أنهى الدورة D: يدرس الموظف المختص ما إذا كانت تنقصه المعارف الأساسية التي يقدمها SFI.',
      fa: '11. متقاضی از قبل سوئدی را خوب بلد است یا دوره D را تمام کرده است: کارشناس پرونده بررسی می‌کند که آیا متقاضی دانش پایه‌ای را که SFI می‌دهد ندارد.',
      so: '11. Codsaduhu horeba si fiican buu u yaqaan af-Iswiidhishka ama wuxuu dhammeeyey koorsada D: sarkaalka kiiska ayaa eegaya in codsaduhu ka maqan yahay aqoonta aasaasiga ah ee SFI bixiso.',
      ti: '11. ኣመልካቲ ድሮ ጽቡቕ ፍልጠት ሽወድኛ ኣለዎ ወይ ኮርስ D ወዲኡ: ሰራሕተኛ ጉዳያት ኣመልካቲ እቲ SFI ዝህቦ መሰረታዊ ፍልጠት ከም ዝጎድሎ ይምርምር።',
      uk: '11. Заявник уже добре знає шведську або завершив курс D: працівник перевіряє, чи бракує заявникові базових знань, які дає SFI.',
    },
  '12. Rätten till sfi gäller i tre år från första antagningen (för den som antogs före 2026 räknat från 1 januari 2026). Den har upphört och sökanden har inte angett särskilda skäl för förlängning.':
    {
      en: '12. The right to SFI lasts three years from the first admission (for someone admitted before 2026, counted from 1 January 2026). It has ended, and the applicant has not given special reasons for an extension.',
      ar: '12. يستمر الحق في SFI ثلاث سنوات من أول قبول (لمن قُبل قبل 2026 يُحسب من 1 يناير 2026). وقد انتهى هذا الحق، ولم يذكر مقدّم الطلب أسبابًا خاصة للتمديد.',
      fa: '12. حق SFI سه سال از اولین پذیرش اعتبار دارد (برای کسی که پیش از 2026 پذیرفته شده، از 1 ژانویه 2026 حساب می‌شود). این حق تمام شده و متقاضی دلیل خاصی برای تمدید ذکر نکرده است.',
      so: '12. Xaqa SFI wuxuu socdaa saddex sano laga bilaabo aqbalaadda ugu horreysa (qofka la aqbalay ka hor 2026 waxaa laga xisaabiyaa 1 Janaayo 2026). Wuu dhammaaday, codsaduhuna ma sheegin sababo gaar ah oo kordhin ah.',
      ti: '12. መሰል SFI ካብ ቀዳማይ ምቕባል ንሰለስተ ዓመት ይጸንሕ (ነቲ ቅድሚ 2026 ዝተቐበለ ካብ 1 ጥሪ 2026 ይቑጸር)። እቲ መሰል ተወዲኡ፣ ኣመልካቲ ድማ ንምንዋሕ ፍሉያት ምኽንያታት ኣይሃበን።',
      uk: '12. Право на SFI діє три роки від першого зарахування (для тих, кого зарахували до 2026 року, — від 1 січня 2026 року). Воно закінчилося, і заявник не навів особливих причин для продовження.',
    },
  '13. Rätten till sfi har upphört, men sökanden har angett särskilda skäl (till exempel sjukdom, föräldraledighet, funktionsnedsättning, arbete): en handläggare prövar förlängning.':
    {
      en: '13. The right to SFI has ended, but the applicant has given special reasons (for example illness, parental leave, disability, work): a caseworker examines an extension.',
      ar: '13. انتهى الحق في SFI، لكن مقدّم الطلب ذكر أسبابًا خاصة (مثل المرض أو إجازة الوالدين أو الإعاقة أو العمل): يدرس الموظف المختص التمديد.',
      fa: '13. حق SFI تمام شده، اما متقاضی دلایل خاصی ذکر کرده است (مثلاً بیماری، مرخصی والدین، معلولیت، کار): کارشناس پرونده تمدید را بررسی می‌کند.',
      so: '13. Xaqa SFI wuu dhammaaday, laakiin codsaduhu wuxuu sheegay sababo gaar ah (tusaale ahaan jirro, fasax waalid, naafonimo, shaqo): sarkaalka kiiska ayaa eegaya kordhinta.',
      ti: '13. መሰል SFI ተወዲኡ፣ ግን ኣመልካቲ ፍሉያት ምኽንያታት ሂቡ ኣሎ (ንኣብነት ሕማም፣ ዕረፍቲ ወለዲ፣ ስንክልና፣ ስራሕ): ሰራሕተኛ ጉዳያት ምንዋሕ ይምርምር።',
      uk: '13. Право на SFI закінчилося, але заявник навів особливі причини (наприклад, хвороба, відпустка по догляду за дитиною, інвалідність, робота): продовження розглядає працівник.',
    },
  '14. Sökanden har skyddad identitet: ärendet handläggs av särskilt behörig personal.': {
    en: '14. The applicant has a protected identity: the case is handled by specially authorised staff.',
    ar: '14. هوية مقدّم الطلب محمية: يعالج المعاملة موظفون مخوَّلون بشكل خاص.',
    fa: '14. هویت متقاضی محافظت‌شده است: به پرونده کارکنانی رسیدگی می‌کنند که مجوز ویژه دارند.',
    so: '14. Codsaduhu wuxuu leeyahay aqoonsi la ilaaliyo: kiiska waxaa maareeya shaqaale si gaar ah loo oggolaaday.',
    ti: '14. ኣመልካቲ ዝተሓለወ መንነት ኣለዎ: እቲ ጉዳይ ብፍሉይ ፍቓድ ዘለዎም ሰራሕተኛታት ይካየድ።',
    uk: '14. Персональні дані заявника захищені: справу розглядають працівники з особливим допуском.',
  },
  '15. Sökanden saknar personnummer och samordningsnummer: identiteten behöver styrkas.': {
    en: '15. The applicant has neither a personal identity number nor a coordination number: the identity must be confirmed.',
    ar: '15. ليس لدى مقدّم الطلب رقم شخصي ولا رقم تنسيق: يجب التحقق من الهوية.',
    fa: '15. متقاضی نه شماره شخصی دارد و نه شماره هماهنگی: هویت او باید تأیید شود.',
    so: '15. Codsaduhu ma haysto lambarka shakhsiga ah iyo lambarka isuduwidda midna: aqoonsiga waa in la xaqiijiyo.',
    ti: '15. ኣመልካቲ ውልቀ-ቁጽሪ ይኹን ቁጽሪ ምትሕብባር የብሉን: መንነቱ ክረጋገጽ ኣለዎ።',
    uk: '15. Заявник не має ні персонального номера, ні координаційного номера: особу треба підтвердити.',
  },

  // The preliminary study path.
  'Preliminär studieväg (slutlig placering efter kartläggningen)': {
    en: 'Preliminary study path (final placement after the assessment)',
    ar: 'المسار الدراسي المبدئي (التوزيع النهائي بعد التقييم)',
    fa: 'مسیر تحصیلی اولیه (تعیین نهایی پس از ارزیابی)',
    so: 'Jidka waxbarashada ee hordhaca ah (meelaynta kama dambaysta ah waxay timaaddaa qiimeynta kadib)',
    ti: 'ናይ መጀመርታ መንገዲ ትምህርቲ (ናይ መወዳእታ ምድላው ድሕሪ ገምጋም)',
    uk: 'Попередній навчальний шлях (остаточне розподілення після оцінювання)',
  },
  'Första raden som stämmer gäller (SFI-kursplanen: studieväg 1 = kurs A–D, 2 = B–D, 3 = C–D).': {
    en: 'The first row that is true applies (the SFI syllabus: study path 1 = courses A–D, 2 = B–D, 3 = C–D).',
    ar: 'يُطبَّق أول صف ينطبق (منهج SFI: المسار الدراسي 1 = الدورات \u2066A–D\u2069، و2 = \u2066B–D\u2069، و3 = \u2066C–D\u2069).',
    fa: 'اولین ردیفی که درست باشد اعمال می‌شود (برنامه درسی SFI: مسیر تحصیلی 1 = دوره‌های \u2066A–D\u2069، 2 = \u2066B–D\u2069، 3 = \u2066C–D\u2069).',
    so: 'Safka ugu horreeya ee run ah ayaa khuseeya (manhajka SFI: jidka waxbarashada 1 = koorsooyinka A–D, 2 = B–D, 3 = C–D).',
    ti: 'እቲ ቀዳማይ ዝሰማማዕ መስመር ይሰርሕ (ስርዓተ ትምህርቲ SFI: መንገዲ ትምህርቲ 1 = ኮርሳት A–D፣ 2 = B–D፣ 3 = C–D)።',
    uk: 'Застосовують перший рядок, що справджується (програма SFI: навчальний шлях 1 = курси A–D, 2 = B–D, 3 = C–D).',
  },
  'Kan läsa och skriva på sitt eget språk': {
    en: 'Can read and write in their own language',
    ar: 'يستطيع القراءة والكتابة بلغته الأم',
    fa: 'می‌تواند به زبان خودش بخواند و بنویسد',
    so: 'Wuu akhriyi karaa oo qori karaa luqaddiisa',
    ti: 'ብቋንቋኡ ከንብብን ክጽሕፍን ይኽእል',
    uk: 'Уміє читати й писати рідною мовою',
  },
  'Antal år i skola': {
    en: 'Years in school',
    ar: 'عدد سنوات الدراسة',
    fa: 'تعداد سال‌های مدرسه',
    so: 'Tirada sannadaha dugsiga',
    ti: 'ብዝሒ ዓመታት ትምህርቲ',
    uk: 'Кількість років навчання в школі',
  },
  'Kan det latinska alfabetet': {
    en: 'Knows the Latin alphabet',
    ar: 'يعرف الأبجدية اللاتينية',
    fa: 'الفبای لاتین را بلد است',
    so: 'Wuu yaqaan alifbeetada Laatiinka',
    ti: 'ላቲናዊ ፊደል ይፈልጥ',
    uk: 'Знає латинську абетку',
  },
  Studieväg: {
    en: 'Study path',
    ar: 'المسار الدراسي',
    fa: 'مسیر تحصیلی',
    so: 'Jidka waxbarashada',
    ti: 'መንገዲ ትምህርቲ',
    uk: 'Навчальний шлях',
  },
  Startkurs: {
    en: 'First course',
    ar: 'الدورة الأولى',
    fa: 'دوره شروع',
    so: 'Koorsada bilowga',
    ti: 'መጀመርታ ኮርስ',
    uk: 'Початковий курс',
  },
  'Kan inte läsa och skriva på sitt eget språk: studieväg 1, start på kurs A.': {
    en: 'Cannot read and write in their own language: study path 1, starting on course A.',
    ar: 'لا يستطيع القراءة والكتابة بلغته الأم: المسار الدراسي 1، والبداية في الدورة A.',
    fa: 'نمی‌تواند به زبان خودش بخواند و بنویسد: مسیر تحصیلی 1، شروع از دوره A.',
    so: 'Ma akhriyi karo mana qori karo luqaddiisa: jidka waxbarashada 1, wuxuu ka bilaabayaa koorsada A.',
    ti: 'ብቋንቋኡ ከንብብን ክጽሕፍን ኣይክእልን: መንገዲ ትምህርቲ 1፣ ብኮርስ A ይጅምር።',
    uk: 'Не вміє читати й писати рідною мовою: навчальний шлях 1, початок з курсу A.',
  },
  'Högst 6 års skolgång: studieväg 1, start på kurs A.': {
    en: 'At most 6 years of school: study path 1, starting on course A.',
    ar: '6 سنوات دراسة كحد أقصى: المسار الدراسي 1، والبداية في الدورة A.',
    fa: 'حداکثر 6 سال مدرسه: مسیر تحصیلی 1، شروع از دوره A.',
    so: 'Ugu badnaan 6 sano oo dugsi ah: jidka waxbarashada 1, wuxuu ka bilaabayaa koorsada A.',
    ti: 'ብዝበዝሐ 6 ዓመት ትምህርቲ: መንገዲ ትምህርቲ 1፣ ብኮርስ A ይጅምር።',
    uk: 'Не більше 6 років навчання в школі: навчальний шлях 1, початок з курсу A.',
  },
  '7–11 års skolgång: studieväg 2, start på kurs B.': {
    en: '7 to 11 years of school: study path 2, starting on course B.',
    ar: 'من 7 إلى 11 سنة دراسة: المسار الدراسي 2، والبداية في الدورة B.',
    fa: '7 تا 11 سال مدرسه: مسیر تحصیلی 2، شروع از دوره B.',
    so: '7 ilaa 11 sano oo dugsi ah: jidka waxbarashada 2, wuxuu ka bilaabayaa koorsada B.',
    ti: 'ካብ 7 ክሳብ 11 ዓመት ትምህርቲ: መንገዲ ትምህርቲ 2፣ ብኮርስ B ይጅምር።',
    uk: 'Від 7 до 11 років навчання в школі: навчальний шлях 2, початок з курсу B.',
  },
  'Minst 12 års skolgång men kan inte det latinska alfabetet: studieväg 2, start på kurs B.': {
    en: 'At least 12 years of school but does not know the Latin alphabet: study path 2, starting on course B.',
    ar: '12 سنة دراسة على الأقل لكنه لا يعرف الأبجدية اللاتينية: المسار الدراسي 2، والبداية في الدورة B.',
    fa: 'حداقل 12 سال مدرسه اما الفبای لاتین را بلد نیست: مسیر تحصیلی 2، شروع از دوره B.',
    so: 'Ugu yaraan 12 sano oo dugsi ah laakiin ma yaqaan alifbeetada Laatiinka: jidka waxbarashada 2, wuxuu ka bilaabayaa koorsada B.',
    ti: 'እንተወሓደ 12 ዓመት ትምህርቲ ግን ላቲናዊ ፊደል ኣይፈልጥን: መንገዲ ትምህርቲ 2፣ ብኮርስ B ይጅምር።',
    uk: 'Щонайменше 12 років навчання в школі, але не знає латинської абетки: навчальний шлях 2, початок з курсу B.',
  },
  'Minst 12 års skolgång och kan det latinska alfabetet: studieväg 3, start på kurs C.': {
    en: 'At least 12 years of school and knows the Latin alphabet: study path 3, starting on course C.',
    ar: '12 سنة دراسة على الأقل ويعرف الأبجدية اللاتينية: المسار الدراسي 3، والبداية في الدورة C.',
    fa: 'حداقل 12 سال مدرسه و الفبای لاتین را بلد است: مسیر تحصیلی 3، شروع از دوره C.',
    so: 'Ugu yaraan 12 sano oo dugsi ah oo wuu yaqaan alifbeetada Laatiinka: jidka waxbarashada 3, wuxuu ka bilaabayaa koorsada C.',
    ti: 'እንተወሓደ 12 ዓመት ትምህርቲ ላቲናዊ ፊደል ድማ ይፈልጥ: መንገዲ ትምህርቲ 3፣ ብኮርስ C ይጅምር።',
    uk: 'Щонайменше 12 років навчання в школі і знає латинську абетку: навчальний шлях 3, початок з курсу C.',
  },

  // The combined decision.
  'Samlat beslut: avslag om någon rad ger avslag, annars handläggare om någon rad kräver det, annars antagning': {
    en: 'Combined decision: refusal if any row gives a refusal, otherwise a caseworker if any row requires one, otherwise admission',
    ar: 'القرار الإجمالي: رفض إذا أعطى أي صف رفضًا، وإلا فالموظف المختص إذا تطلّب ذلك أي صف، وإلا فالقبول',
    fa: 'تصمیم نهایی: رد اگر هر ردیفی رد بدهد، وگرنه کارشناس پرونده اگر هر ردیفی آن را لازم بداند، وگرنه پذیرش',
    so: 'Go’aanka guud: diidmo haddii saf kasta uu bixiyo diidmo, haddii kale sarkaalka kiiska haddii saf uu u baahdo, haddii kale aqbalaad',
    ti: 'ሓፈሻዊ ውሳነ: ዝኾነ መስመር ነጸጋ እንተሃበ ነጸጋ፣ እንተዘይኮነ ዝኾነ መስመር እንተ ደልዮ ሰራሕተኛ ጉዳያት፣ እንተዘይኮነ ምቕባል',
    uk: 'Загальне рішення: відмова, якщо будь-який рядок дає відмову, інакше працівник, якщо цього вимагає будь-який рядок, інакше зарахування',
  },
  'Om någon rad ger avslag (refuse) blir beslutet avslag med alla avslagsskäl. Annars, om någon rad kräver handläggare (manual), prövar en handläggare ärendet med alla de skälen. Annars antas sökanden (admit) med skälet ELIGIBLE. Vid avslag finns ingen studieväg och inget slutdatum.':
    {
      en: 'If any row gives a refusal (refuse), the decision is a refusal with every reason for refusal. Otherwise, if any row requires a caseworker (manual), a caseworker examines the case with all those reasons. Otherwise the applicant is admitted (admit) with the reason ELIGIBLE. A refusal has no study path and no end date.',
      ar: 'إذا أعطى أي صف رفضًا (refuse)، يكون القرار رفضًا مع كل أسباب الرفض. وإلا، إذا تطلّب أي صف الموظف المختص (manual)، يدرس الموظف المختص المعاملة مع كل تلك الأسباب. وإلا يُقبل مقدّم الطلب (admit) بالسبب ELIGIBLE. في حالة الرفض لا يوجد مسار دراسي ولا تاريخ انتهاء.',
      fa: 'اگر هر ردیفی رد (refuse) بدهد، تصمیم رد است با همه دلایل رد. وگرنه، اگر هر ردیفی کارشناس پرونده (manual) را لازم بداند، کارشناس پرونده با همه آن دلایل پرونده را بررسی می‌کند. وگرنه متقاضی با دلیل ELIGIBLE پذیرفته می‌شود (admit). در صورت رد، مسیر تحصیلی و تاریخ پایان وجود ندارد.',
      so: 'Haddii saf kasta uu bixiyo diidmo (refuse), go’aanku waa diidmo leh dhammaan sababaha diidmada. Haddii kale, haddii saf uu u baahdo sarkaalka kiiska (manual), sarkaalka kiiska ayaa eegaya kiiska iyo dhammaan sababahaas. Haddii kale codsaha waa la aqbalayaa (admit) iyadoo sababtu tahay ELIGIBLE. Diidmada ma leh jid waxbarasho iyo taariikh dhammaad.',
      ti: 'ዝኾነ መስመር ነጸጋ (refuse) እንተሃበ፣ እቲ ውሳነ ምስ ኩሎም ምኽንያታት ነጸጋ ነጸጋ ይኸውን። እንተዘይኮነ፣ ዝኾነ መስመር ሰራሕተኛ ጉዳያት (manual) እንተ ደለየ፣ ሰራሕተኛ ጉዳያት ነቲ ጉዳይ ምስ ኩሎም እቶም ምኽንያታት ይምርምሮ። እንተዘይኮነ ኣመልካቲ ብምኽንያት ELIGIBLE ይቕበል (admit)። ኣብ ነጸጋ መንገዲ ትምህርትን ዕለት መወዳእታን የለን።',
      uk: 'Якщо будь-який рядок дає відмову (refuse), рішення — відмова з усіма підставами для відмови. Інакше, якщо будь-який рядок вимагає працівника (manual), справу з усіма цими підставами розглядає працівник. Інакше заявника зараховують (admit) з підставою ELIGIBLE. У разі відмови немає навчального шляху і дати закінчення.',
    },

  // Version 2026-12-07: repeat applications.
  'Rätt till sfi och preliminär studieväg, för beslut från och med 7 december 2026: skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§, med den treåriga rätten enligt prop. 2025/26:10. Nytt från denna version: den som redan är antagen i e-tjänsten, eller har en tidigare ansökan som inte är avgjord, antas inte igen automatiskt (rad 16 och 17).':
    {
      en: 'The right to SFI and the preliminary study path, for decisions from 7 December 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>, with the three-year right under <sv>prop. 2025/26:10</sv>. New in this version: someone already admitted through the e-service, or with an earlier application not yet decided, is not admitted again automatically (rows 16 and 17).',
      ar: 'الحق في SFI والمسار الدراسي المبدئي، للقرارات ابتداءً من 7 ديسمبر 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>، مع الحق لمدة ثلاث سنوات وفق <sv>prop. 2025/26:10</sv>. الجديد في هذه النسخة: من قُبل من قبل عبر الخدمة الإلكترونية، أو لديه طلب سابق لم يُبتّ فيه، لا يُقبل مرة أخرى تلقائيًا (الصفان 16 و17).',
      fa: 'حق SFI و مسیر تحصیلی اولیه، برای تصمیم‌ها از 7 دسامبر 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>، با حق سه‌ساله طبق <sv>prop. 2025/26:10</sv>. تازه در این نسخه: کسی که قبلاً از طریق خدمت الکترونیکی پذیرفته شده، یا درخواست قبلی‌اش هنوز تصمیم نگرفته است، دوباره به‌طور خودکار پذیرفته نمی‌شود (ردیف‌های 16 و 17).',
      so: 'Xaqa SFI iyo jidka waxbarashada ee hordhaca ah, go’aannada laga bilaabo 7 Diseembar 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>, oo leh xaqa saddexda sano sida ku qoran <sv>prop. 2025/26:10</sv>. Waxa cusub: qofka horay loogu aqbalay adeegga elektaroonigga ah, ama leh codsi hore oo aan weli go’aan laga gaarin, si toos ah dib looma aqbalo (safafka 16 iyo 17).',
      ti: 'መሰል SFI ከምኡ’ውን ናይ መጀመርታ መንገዲ ትምህርቲ፣ ንውሳነታት ካብ 7 ታሕሳስ 2026: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>፣ ምስቲ ብመሰረት <sv>prop. 2025/26:10</sv> ዘሎ ናይ ሰለስተ ዓመት መሰል። ሓድሽ ኣብዚ ስሪት: ብኤሌክትሮኒካዊ ኣገልግሎት ድሮ ዝተቐበለ፣ ወይ ዘይተወሰነ ናይ ቀደም ሕቶ ዘለዎ፣ ብኣውቶማቲክ እንደገና ኣይቕበልን (መስመር 16ን 17ን)።',
      uk: 'Право на SFI і попередній навчальний шлях, для рішень з 7 грудня 2026 року: <sv>skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</sv>, із трирічним правом згідно з <sv>prop. 2025/26:10</sv>. Нове в цій версії: того, кого вже прийнято через е-послугу або хто має попередню ще не вирішену заяву, не приймають повторно автоматично (рядки 16 і 17).',
    },
  'Redan antagen i e-tjänsten och rätten gäller fortfarande': {
    en: 'Already admitted through the e-service, and the right still applies',
    ar: 'مقبول من قبل عبر الخدمة الإلكترونية، والحق ما زال ساريًا',
    fa: 'قبلاً از طریق خدمت الکترونیکی پذیرفته شده و حق هنوز معتبر است',
    so: 'Horay ayaa loogu aqbalay adeegga elektaroonigga ah, xaquna weli wuu jiraa',
    ti: 'ብኤሌክትሮኒካዊ ኣገልግሎት ድሮ ተቐቢሉ፣ እቲ መሰል ድማ ገና ይሰርሕ',
    uk: 'Уже прийнято через е-послугу, і право ще діє',
  },
  'En tidigare ansökan är inte avgjord': {
    en: 'An earlier application has not been decided',
    ar: 'طلب سابق لم يُبتّ فيه بعد',
    fa: 'درباره یک درخواست قبلی هنوز تصمیم گرفته نشده است',
    so: 'Codsi hore weli go’aan lagama gaarin',
    ti: 'ናይ ቀደም ሕቶ ገና ኣይተወሰነን',
    uk: 'Попередню заяву ще не вирішено',
  },
  '16. Sökanden är redan antagen till sfi i kommunen (ett tidigare ärende i e-tjänsten) och rätten gäller fortfarande. En ny antagning skulle inte ge något nytt – rätten räknas från den första antagningen – så en handläggare tar kontakt i stället för att sökanden antas och placeras igen.':
    {
      en: '16. The applicant is already admitted to SFI in the municipality (an earlier case in the e-service) and the right still applies. A new admission would give nothing new – the right counts from the first admission – so a caseworker gets in touch instead of admitting and placing the applicant again.',
      ar: '16. مقدّم الطلب مقبول من قبل في SFI في البلدية (قضية سابقة في الخدمة الإلكترونية) والحق ما زال ساريًا. القبول الجديد لن يضيف شيئًا – فالحق يُحسب من القبول الأول – لذلك يتواصل الموظف المختص معه بدلًا من قبوله وتسجيله مرة أخرى.',
      fa: '16. متقاضی قبلاً در SFI این شهرداری پذیرفته شده است (پرونده‌ای قبلی در خدمت الکترونیکی) و حق هنوز معتبر است. پذیرش تازه چیزی اضافه نمی‌کند – حق از نخستین پذیرش حساب می‌شود – پس کارشناس پرونده به‌جای پذیرش و جای‌دهی دوباره، با متقاضی تماس می‌گیرد.',
      so: '16. Codsadaha horay ayaa loogu aqbalay SFI degmada (kiis hore oo adeegga elektaroonigga ah) xaquna weli wuu jiraa. Aqbal cusub wax cusub ma keenayo – xaqa waxaa laga xisaabiyaa aqbalka ugu horreeya – sidaas darteed shaqaale kiisaska ayaa la xiriiraya halkii dib loo aqbali lahaa.',
      ti: '16. እቲ ሓታቲ ኣብ SFI ናይታ ምምሕዳር ድሮ ተቐቢሉ እዩ (ናይ ቀደም ጉዳይ ኣብ ኤሌክትሮኒካዊ ኣገልግሎት)፣ እቲ መሰል ድማ ገና ይሰርሕ። ሓድሽ ምቕባል ሓድሽ ነገር ኣይህብን – እቲ መሰል ካብቲ ቀዳማይ ምቕባል እዩ ዝቑጸር – ስለዚ ሰራሕተኛ ጉዳያት ኣብ ክንዲ እንደገና ምቕባል ይራኸቦ።',
      uk: '16. Заявника вже прийнято до SFI в муніципалітеті (попередня справа в е-послузі), і право ще діє. Нове прийняття нічого не додасть – право рахується від першого прийняття, – тож працівник зв’яжеться із заявником замість повторного прийняття й розподілу.',
    },
  '17. Sökanden har en tidigare ansökan om sfi som inte är avgjord: en handläggare prövar ansökningarna tillsammans.': {
    en: '17. The applicant has an earlier SFI application that has not been decided: a caseworker looks at the applications together.',
    ar: '17. لدى مقدّم الطلب طلب سابق للالتحاق بـ SFI لم يُبتّ فيه: يدرس الموظف المختص الطلبات معًا.',
    fa: '17. متقاضی یک درخواست قبلی برای SFI دارد که هنوز درباره آن تصمیم گرفته نشده است: کارشناس پرونده درخواست‌ها را با هم بررسی می‌کند.',
    so: '17. Codsaduhu wuxuu leeyahay codsi hore oo SFI ah oo aan weli go’aan laga gaarin: shaqaale kiisaska ayaa codsiyada wada eegaya.',
    ti: '17. እቲ ሓታቲ ዘይተወሰነ ናይ ቀደም ሕቶ SFI ኣለዎ: ሰራሕተኛ ጉዳያት ነቶም ሕቶታት ብሓባር ይምርምሮም።',
    uk: '17. Заявник має попередню заяву на SFI, яку ще не вирішено: працівник розгляне заяви разом.',
  },
};

/** The rule-file text in `locale`, or null: Swedish is the rule file's own, and a text without a translation stays Swedish. */
export function translateRuleText(text: string, locale: Locale): string | null {
  if (locale === 'sv' || !Object.hasOwn(RULE_TEXTS, text)) return null;
  return RULE_TEXTS[text]![locale];
}
