/**
 * Words the components say themselves (pagination, warning icon, tabs title) and the messages
 * GOV.UK Frontend's scripts show (character count, file upload). The components are used on
 * resident-facing pages, so every language is needed. Texts shared with the layout (Back,
 * breadcrumbs, Error, the date parts) come from the platform catalog instead.
 */
import { createTranslator, type Locale, type Message, type TranslationOf } from '../../i18n/index.ts';

const sv = {
  'pagination.landmark': 'Sidnumrering',
  'pagination.previous': 'Föregående',
  'pagination.previousHidden': ' sida',
  'pagination.next': 'Nästa',
  'pagination.nextHidden': ' sida',
  'pagination.page': 'Sida {number}',
  'warningText.iconFallback': 'Varning',
  'tabs.title': 'Innehåll',
  'characterCount.charactersDescription': 'Du kan skriva upp till {count} tecken',
  'characterCount.wordsDescription': 'Du kan skriva upp till {count} ord',
  'characterCount.charactersUnderLimit': { one: 'Du har {count} tecken kvar', other: 'Du har {count} tecken kvar' },
  'characterCount.charactersAtLimit': 'Du har 0 tecken kvar',
  'characterCount.charactersOverLimit': {
    one: 'Du har {count} tecken för mycket',
    other: 'Du har {count} tecken för mycket',
  },
  'characterCount.wordsUnderLimit': { one: 'Du har {count} ord kvar', other: 'Du har {count} ord kvar' },
  'characterCount.wordsAtLimit': 'Du har 0 ord kvar',
  'characterCount.wordsOverLimit': { one: 'Du har {count} ord för mycket', other: 'Du har {count} ord för mycket' },
  'fileUpload.chooseFilesButton': 'Välj fil',
  'fileUpload.dropInstruction': 'eller släpp filen här',
  'fileUpload.noFileChosen': 'Ingen fil vald',
  'fileUpload.multipleFilesChosen': { one: '{count} fil vald', other: '{count} filer valda' },
  'fileUpload.enteredDropZone': 'Filen är över släppytan',
  'fileUpload.leftDropZone': 'Filen är utanför släppytan',
} as const;

const en: TranslationOf<typeof sv> = {
  'pagination.landmark': 'Pagination',
  'pagination.previous': 'Previous',
  'pagination.previousHidden': ' page',
  'pagination.next': 'Next',
  'pagination.nextHidden': ' page',
  'pagination.page': 'Page {number}',
  'warningText.iconFallback': 'Warning',
  'tabs.title': 'Contents',
  'characterCount.charactersDescription': 'You can enter up to {count} characters',
  'characterCount.wordsDescription': 'You can enter up to {count} words',
  'characterCount.charactersUnderLimit': {
    one: 'You have {count} character remaining',
    other: 'You have {count} characters remaining',
  },
  'characterCount.charactersAtLimit': 'You have 0 characters remaining',
  'characterCount.charactersOverLimit': {
    one: 'You have {count} character too many',
    other: 'You have {count} characters too many',
  },
  'characterCount.wordsUnderLimit': {
    one: 'You have {count} word remaining',
    other: 'You have {count} words remaining',
  },
  'characterCount.wordsAtLimit': 'You have 0 words remaining',
  'characterCount.wordsOverLimit': { one: 'You have {count} word too many', other: 'You have {count} words too many' },
  'fileUpload.chooseFilesButton': 'Choose file',
  'fileUpload.dropInstruction': 'or drop file',
  'fileUpload.noFileChosen': 'No file chosen',
  'fileUpload.multipleFilesChosen': { one: '{count} file chosen', other: '{count} files chosen' },
  'fileUpload.enteredDropZone': 'Entered drop zone',
  'fileUpload.leftDropZone': 'Left drop zone',
};

/*
 * ar, fa, so, ti, uk translate the Swedish source. Arabic and Ukrainian give every plural form
 * their CLDR rules use (the scripts pick them with Intl.PluralRules). Where a language puts
 * "page" before "previous/next" (ar, fa, so), the hidden word follows in brackets.
 */
const ar: TranslationOf<typeof sv> = {
  'pagination.landmark': 'ترقيم الصفحات',
  'pagination.previous': 'السابق',
  'pagination.previousHidden': ' (الصفحة)',
  'pagination.next': 'التالي',
  'pagination.nextHidden': ' (الصفحة)',
  'pagination.page': 'الصفحة {number}',
  'warningText.iconFallback': 'تحذير',
  'tabs.title': 'المحتويات',
  'characterCount.charactersDescription': 'الحد الأقصى لعدد الأحرف هو {count}',
  'characterCount.wordsDescription': 'الحد الأقصى لعدد الكلمات هو {count}',
  'characterCount.charactersUnderLimit': {
    zero: 'لم يبق لك أي حرف',
    one: 'بقي لك حرف واحد',
    two: 'بقي لك حرفان',
    few: 'بقي لك {count} أحرف',
    many: 'بقي لك {count} حرفًا',
    other: 'بقي لك {count} حرف',
  },
  'characterCount.charactersAtLimit': 'لم يبق لك أي حرف',
  'characterCount.charactersOverLimit': {
    zero: 'لم تتجاوز الحد',
    one: 'تجاوزت الحد بحرف واحد',
    two: 'تجاوزت الحد بحرفين',
    few: 'تجاوزت الحد بـ{count} أحرف',
    many: 'تجاوزت الحد بـ{count} حرفًا',
    other: 'تجاوزت الحد بـ{count} حرف',
  },
  'characterCount.wordsUnderLimit': {
    zero: 'لم تبق لك أي كلمة',
    one: 'بقيت لك كلمة واحدة',
    two: 'بقيت لك كلمتان',
    few: 'بقي لك {count} كلمات',
    many: 'بقي لك {count} كلمة',
    other: 'بقي لك {count} كلمة',
  },
  'characterCount.wordsAtLimit': 'لم تبق لك أي كلمة',
  'characterCount.wordsOverLimit': {
    zero: 'لم تتجاوز الحد',
    one: 'تجاوزت الحد بكلمة واحدة',
    two: 'تجاوزت الحد بكلمتين',
    few: 'تجاوزت الحد بـ{count} كلمات',
    many: 'تجاوزت الحد بـ{count} كلمة',
    other: 'تجاوزت الحد بـ{count} كلمة',
  },
  'fileUpload.chooseFilesButton': 'اختيار ملف',
  'fileUpload.dropInstruction': 'أو يمكنك إفلات الملف هنا',
  'fileUpload.noFileChosen': 'لم يتم اختيار أي ملف',
  'fileUpload.multipleFilesChosen': {
    zero: 'لم يتم اختيار أي ملف',
    one: 'تم اختيار ملف واحد',
    two: 'تم اختيار ملفين',
    few: 'تم اختيار {count} ملفات',
    many: 'تم اختيار {count} ملفًا',
    other: 'تم اختيار {count} ملف',
  },
  'fileUpload.enteredDropZone': 'الملف فوق منطقة الإفلات',
  'fileUpload.leftDropZone': 'الملف خارج منطقة الإفلات',
};

const fa: TranslationOf<typeof sv> = {
  'pagination.landmark': 'شماره‌گذاری صفحه‌ها',
  'pagination.previous': 'قبلی',
  'pagination.previousHidden': ' (صفحه)',
  'pagination.next': 'بعدی',
  'pagination.nextHidden': ' (صفحه)',
  'pagination.page': 'صفحه {number}',
  'warningText.iconFallback': 'هشدار',
  'tabs.title': 'محتوا',
  'characterCount.charactersDescription': 'می‌توانید حداکثر {count} حرف بنویسید',
  'characterCount.wordsDescription': 'می‌توانید حداکثر {count} کلمه بنویسید',
  'characterCount.charactersUnderLimit': { one: '{count} حرف باقی مانده است', other: '{count} حرف باقی مانده است' },
  'characterCount.charactersAtLimit': 'هیچ حرفی باقی نمانده است',
  'characterCount.charactersOverLimit': {
    one: '{count} حرف بیش از حد مجاز نوشته‌اید',
    other: '{count} حرف بیش از حد مجاز نوشته‌اید',
  },
  'characterCount.wordsUnderLimit': { one: '{count} کلمه باقی مانده است', other: '{count} کلمه باقی مانده است' },
  'characterCount.wordsAtLimit': 'هیچ کلمه‌ای باقی نمانده است',
  'characterCount.wordsOverLimit': {
    one: '{count} کلمه بیش از حد مجاز نوشته‌اید',
    other: '{count} کلمه بیش از حد مجاز نوشته‌اید',
  },
  'fileUpload.chooseFilesButton': 'انتخاب فایل',
  'fileUpload.dropInstruction': 'یا فایل را اینجا رها کنید',
  'fileUpload.noFileChosen': 'هیچ فایلی انتخاب نشده است',
  'fileUpload.multipleFilesChosen': { one: '{count} فایل انتخاب شده است', other: '{count} فایل انتخاب شده است' },
  'fileUpload.enteredDropZone': 'فایل روی محل رها کردن است',
  'fileUpload.leftDropZone': 'فایل بیرون از محل رها کردن است',
};

const so: TranslationOf<typeof sv> = {
  'pagination.landmark': 'Lambarada bogagga',
  'pagination.previous': 'Kii hore',
  'pagination.previousHidden': ' (bogga)',
  'pagination.next': 'Kan xiga',
  'pagination.nextHidden': ' (bogga)',
  'pagination.page': 'Bogga {number}',
  'warningText.iconFallback': 'Digniin',
  'tabs.title': 'Tusmada',
  'characterCount.charactersDescription': 'Waxaad qori kartaa ilaa {count} xaraf',
  'characterCount.wordsDescription': 'Waxaad qori kartaa ilaa {count} eray',
  'characterCount.charactersUnderLimit': {
    one: 'Waxaa kuu haray {count} xaraf',
    other: 'Waxaa kuu haray {count} xaraf',
  },
  'characterCount.charactersAtLimit': 'Waxaa kuu haray 0 xaraf',
  'characterCount.charactersOverLimit': {
    one: '{count} xaraf ayaad ka badisay xadka',
    other: '{count} xaraf ayaad ka badisay xadka',
  },
  'characterCount.wordsUnderLimit': { one: 'Waxaa kuu haray {count} eray', other: 'Waxaa kuu haray {count} eray' },
  'characterCount.wordsAtLimit': 'Waxaa kuu haray 0 eray',
  'characterCount.wordsOverLimit': {
    one: '{count} eray ayaad ka badisay xadka',
    other: '{count} eray ayaad ka badisay xadka',
  },
  'fileUpload.chooseFilesButton': 'Dooro fayl',
  'fileUpload.dropInstruction': 'ama faylka halkan ku dhig',
  'fileUpload.noFileChosen': 'Fayl lama dooran',
  'fileUpload.multipleFilesChosen': { one: '{count} fayl ayaa la doortay', other: '{count} fayl ayaa la doortay' },
  'fileUpload.enteredDropZone': 'Faylku wuxuu joogaa meesha lagu dhigo',
  'fileUpload.leftDropZone': 'Faylku wuu ka baxay meesha lagu dhigo',
};

const ti: TranslationOf<typeof sv> = {
  'pagination.landmark': 'ቁጽሪ ገጻት',
  'pagination.previous': 'ዝሓለፈ',
  'pagination.previousHidden': ' ገጽ',
  'pagination.next': 'ዝቕጽል',
  'pagination.nextHidden': ' ገጽ',
  'pagination.page': 'ገጽ {number}',
  'warningText.iconFallback': 'መጠንቀቕታ',
  'tabs.title': 'ትሕዝቶ',
  'characterCount.charactersDescription': 'ክሳብ {count} ፊደላት ክትጽሕፉ ትኽእሉ',
  'characterCount.wordsDescription': 'ክሳብ {count} ቃላት ክትጽሕፉ ትኽእሉ',
  'characterCount.charactersUnderLimit': { one: 'ገና {count} ፊደል ክትጽሕፉ ትኽእሉ', other: 'ገና {count} ፊደላት ክትጽሕፉ ትኽእሉ' },
  'characterCount.charactersAtLimit': 'ካልእ ፊደል ክትጽሕፉ ኣይትኽእሉን',
  'characterCount.charactersOverLimit': {
    one: '{count} ፊደል ካብቲ ዝፍቀድ ንላዕሊ ጽሒፍኩም',
    other: '{count} ፊደላት ካብቲ ዝፍቀድ ንላዕሊ ጽሒፍኩም',
  },
  'characterCount.wordsUnderLimit': { one: 'ገና {count} ቃል ክትጽሕፉ ትኽእሉ', other: 'ገና {count} ቃላት ክትጽሕፉ ትኽእሉ' },
  'characterCount.wordsAtLimit': 'ካልእ ቃል ክትጽሕፉ ኣይትኽእሉን',
  'characterCount.wordsOverLimit': { one: '{count} ቃል ካብቲ ዝፍቀድ ንላዕሊ ጽሒፍኩም', other: '{count} ቃላት ካብቲ ዝፍቀድ ንላዕሊ ጽሒፍኩም' },
  'fileUpload.chooseFilesButton': 'ፋይል ምረጹ',
  'fileUpload.dropInstruction': 'ወይ ነቲ ፋይል ኣብዚ ኣንብርዎ',
  'fileUpload.noFileChosen': 'ዝተመርጸ ፋይል የለን',
  'fileUpload.multipleFilesChosen': { one: '{count} ፋይል ተመሪጹ', other: '{count} ፋይላት ተመሪጾም' },
  'fileUpload.enteredDropZone': 'እቲ ፋይል ኣብቲ መቐመጢ ቦታ ኣሎ',
  'fileUpload.leftDropZone': 'እቲ ፋይል ካብቲ መቐመጢ ቦታ ወጺኡ',
};

const uk: TranslationOf<typeof sv> = {
  'pagination.landmark': 'Нумерація сторінок',
  'pagination.previous': 'Попередня',
  'pagination.previousHidden': ' сторінка',
  'pagination.next': 'Наступна',
  'pagination.nextHidden': ' сторінка',
  'pagination.page': 'Сторінка {number}',
  'warningText.iconFallback': 'Попередження',
  'tabs.title': 'Зміст',
  'characterCount.charactersDescription': 'Максимальна кількість символів: {count}',
  'characterCount.wordsDescription': 'Максимальна кількість слів: {count}',
  'characterCount.charactersUnderLimit': {
    one: 'Залишився {count} символ',
    few: 'Залишилося {count} символи',
    many: 'Залишилося {count} символів',
    other: 'Залишилося {count} символу',
  },
  'characterCount.charactersAtLimit': 'Залишилося 0 символів',
  'characterCount.charactersOverLimit': {
    one: 'Ви перевищили ліміт на {count} символ',
    few: 'Ви перевищили ліміт на {count} символи',
    many: 'Ви перевищили ліміт на {count} символів',
    other: 'Ви перевищили ліміт на {count} символу',
  },
  'characterCount.wordsUnderLimit': {
    one: 'Залишилося {count} слово',
    few: 'Залишилося {count} слова',
    many: 'Залишилося {count} слів',
    other: 'Залишилося {count} слова',
  },
  'characterCount.wordsAtLimit': 'Залишилося 0 слів',
  'characterCount.wordsOverLimit': {
    one: 'Ви перевищили ліміт на {count} слово',
    few: 'Ви перевищили ліміт на {count} слова',
    many: 'Ви перевищили ліміт на {count} слів',
    other: 'Ви перевищили ліміт на {count} слова',
  },
  'fileUpload.chooseFilesButton': 'Вибрати файл',
  'fileUpload.dropInstruction': 'або перетягніть файл сюди',
  'fileUpload.noFileChosen': 'Файл не вибрано',
  'fileUpload.multipleFilesChosen': {
    one: 'Вибрано {count} файл',
    few: 'Вибрано {count} файли',
    many: 'Вибрано {count} файлів',
    other: 'Вибрано {count} файлу',
  },
  'fileUpload.enteredDropZone': 'Файл над зоною перетягування',
  'fileUpload.leftDropZone': 'Файл поза зоною перетягування',
};

const catalogs = { sv, en, ar, fa, so, ti, uk };

export type ComponentKey = keyof typeof sv;

export function componentsTranslator(locale: Locale) {
  return createTranslator(catalogs, locale);
}

/**
 * A message in the form GOV.UK Frontend's scripts read from `data-i18n.*` attributes: plural
 * forms keyed by CLDR category, with `%{count}` placeholders.
 */
export function scriptMessages(locale: Locale, key: ComponentKey): Record<string, string> | string {
  const message: Message = (catalogs[locale] ?? catalogs.sv)[key];
  const toScript = (text: string) => text.replace(/\{count\}/g, '%{count}');
  if (typeof message === 'string') return toScript(message);
  return Object.fromEntries(Object.entries(message).map(([form, text]) => [form, toScript(text as string)]));
}

/** Renders a script message as `data-i18n.<key>[.<plural form>]` attributes. */
export function i18nAttributes(
  scriptKey: string,
  message: Record<string, string> | string | undefined,
): Record<string, string> {
  if (message === undefined) return {};
  if (typeof message === 'string') return { [`data-i18n.${scriptKey}`]: message };
  return Object.fromEntries(Object.entries(message).map(([form, text]) => [`data-i18n.${scriptKey}.${form}`, text]));
}
