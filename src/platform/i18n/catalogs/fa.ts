import type { TranslationOf } from '../translator.ts';
import type { sv } from './sv.ts';

/**
 * Persian, worded so Dari readers understand it too (words shared by Iran and Afghanistan).
 * Terms: src/platform/i18n/GLOSSARY.md. Latin text with digits or spaces sits in a
 * left-to-right isolate (\u2066…\u2069) so right-to-left layout keeps it whole.
 */
export const fa: TranslationOf<typeof sv> = {
  'site.name': 'خدمات الکترونیکی',
  'site.skipLink': 'رفتن به محتوای اصلی',
  'site.home': 'صفحه اصلی',
  'site.mainNav': 'منوی اصلی',
  'site.language': 'زبان',
  'site.languageNav': 'انتخاب زبان',
  'site.signIn': 'ورود',
  'site.signOut': 'خروج',
  'site.signedInAs': 'واردشده با نام {name}',
  'site.footer.accessibility': 'بیانیه دسترس‌پذیری',
  'site.footer.privacy': 'اطلاعات شخصی را چگونه مدیریت می‌کنیم',
  'site.footer.apiDocs': 'مستندات API',
  'site.footer.licence': 'کد منبع باز با مجوز \u2066EUPL-1.2\u2069',
  'site.devBanner': 'محیط آزمایشی: ورود با کاربران آزمایشی انجام می‌شود و هیچ اطلاعات شخصی واقعی وجود ندارد.',
  'site.devTag': 'آزمایشی',
  'site.breadcrumbs': 'شما اینجا هستید',
  'site.back': 'بازگشت',
  'site.close': 'بستن',
  'site.success': 'انجام شد',
  'site.important': 'مهم',

  'form.errorSummaryTitle': 'مشکلی وجود دارد',
  'form.errorPrefix': 'خطا',
  'form.titleErrorPrefix': 'خطا:',
  'form.continue': 'ادامه',
  'form.save': 'ذخیره',
  'form.submit': 'ارسال',
  'form.cancel': 'لغو',
  'form.optional': '(اختیاری)',
  'form.day': 'روز',
  'form.month': 'ماه',
  'form.year': 'سال',

  'validation.required': 'لطفاً {field} را پر کنید',
  'validation.invalid': 'لطفاً {field} را بررسی کنید',
  'validation.tooLong': '{field} حداکثر می‌تواند {max} حرف باشد',
  'validation.tooShort': '{field} باید حداقل {min} حرف باشد',
  'validation.invalidDate': '{field} باید یک تاریخ درست باشد',
  'validation.futureDate': '{field} نمی‌تواند در آینده باشد',
  'validation.invalidPersonalNumber':
    'شماره شخصی درست نیست. آن را به این شکل بنویسید: YYYYMMDD-NNNN (سال، ماه، روز و سپس چهار رقم)',
  'validation.invalidEmail': 'آدرس ایمیل را به شکل درست بنویسید، برای مثال name@example.com',
  'validation.chooseOne': 'لطفاً یکی از گزینه‌های {field} را انتخاب کنید',
  'validation.number': '{field} باید عدد باشد',
  'validation.controlCharacters': '{field} علامت‌هایی دارد که مجاز نیستند',

  'error.notFound.title': 'صفحه پیدا نشد',
  'error.notFound.body': 'بررسی کنید که آدرس درست باشد. ممکن است صفحه جابه‌جا یا حذف شده باشد.',
  'error.unauthenticated.title': 'باید وارد شوید',
  'error.unauthenticated.body': 'برای دیدن این صفحه وارد شوید.',
  'error.forbidden.title': 'شما اجازه دسترسی ندارید',
  'error.forbidden.body':
    'حساب شما اجازه دسترسی به این صفحه را ندارد. اگر به آن نیاز دارید، با مدیر خود یا پشتیبانی فنی تماس بگیرید.',
  'error.csrf.title': 'مهلت فرم تمام شده است',
  'error.csrf.body':
    'به دلایل امنیتی باید صفحه دوباره بارگذاری شود. به صفحه قبل برگردید، صفحه را دوباره بارگذاری کنید و دوباره بفرستید. آنچه نوشته‌اید ذخیره نشده است.',
  'error.badRequest.title': 'چیزی در درخواست اشتباه بود',
  'error.badRequest.body': 'آنچه را وارد کرده‌اید بررسی کنید و دوباره تلاش کنید.',
  'error.conflict.title': 'ذخیره نشد',
  'error.conflict.body':
    'شخص دیگری همزمان همین مورد را تغییر داده است. صفحه را دوباره بارگذاری کنید و دوباره تلاش کنید.',
  'error.tooLarge.title': 'فایل یا متن خیلی بزرگ است',
  'error.tooLarge.body':
    'آنچه فرستادید بزرگ‌تر از حدی است که ما می‌پذیریم. یک فایل کوچک‌تر یا متن کوتاه‌تر را امتحان کنید.',
  'error.unsupported.title': 'این فرمت پشتیبانی نمی‌شود',
  'error.unsupported.body': 'آنچه فرستادید فرمتی دارد که این خدمت نمی‌پذیرد.',
  'error.rateLimited.title': 'تعداد تلاش‌ها زیاد است',
  'error.rateLimited.body': 'یک دقیقه صبر کنید و سپس دوباره تلاش کنید.',
  'error.unavailable.title': 'این خدمت در حال حاضر در دسترس نیست',
  'error.unavailable.body': 'کمی بعد دوباره تلاش کنید.',
  'error.internal.title': 'مشکلی از طرف ما پیش آمد',
  'error.internal.body':
    'این مشکل تقصیر شما نیست. کمی بعد دوباره تلاش کنید. اگر مشکل ادامه داشت، با ما تماس بگیرید و کد خطای زیر را بگویید.',
  'error.requestId': 'کد خطا: \u2066{id}\u2069',
  'error.goHome': 'رفتن به صفحه اصلی',

  'signIn.title': 'ورود',
  'signIn.lead': 'انتخاب کنید که چگونه می‌خواهید وارد شوید.',
  'signIn.resident.heading': 'برای ساکنان',
  'signIn.resident.body':
    'با هویت الکترونیکی (BankID یا Freja) وارد شوید تا درخواست بدهید و پرونده‌های خود را پیگیری کنید.',
  'signIn.resident.button': 'ورود با هویت الکترونیکی',
  'signIn.staff.heading': 'برای کارکنان',
  'signIn.staff.body': 'با حساب کاری خود وارد شوید.',
  'signIn.staff.button': 'ورود با حساب کاری',
  'signIn.failed': 'ورود انجام نشد. لطفاً دوباره تلاش کنید.',
  'signIn.signedOut': 'شما خارج شدید.',
  'signIn.welcome': 'شما با نام {name} وارد شده‌اید.',

  'home.title': 'به خدمات الکترونیکی {municipality} خوش آمدید',
  'home.lead': 'اینجا می‌توانید برای خدمات کمون درخواست بدهید و پرونده‌های خود را به زبان خودتان پیگیری کنید.',
  'home.resident.heading': 'برای کسانی که در کمون زندگی می‌کنند',
  'home.resident.body':
    'برای آموزش زبان سوئدی ویژه مهاجران (SFI) درخواست بدهید و پرونده‌های خود را در «صفحات من» (Mina sidor) پیگیری کنید.',
  'home.noEid.heading': 'هویت الکترونیکی ندارید؟',
  'home.noEid.body': 'باز هم می‌توانید درخواست بدهید. ما پیش از تصمیم‌گیری، هویت شما را به روش دیگری بررسی می‌کنیم.',
  'home.staff.heading': 'برای کارکنان',
  'home.staff.body': 'با حساب کاری خود وارد شوید تا اتاق رزرو کنید، اینترانت را بخوانید و به پرونده‌ها رسیدگی کنید.',
  'home.whatYouCanDo': 'کارهایی که می‌توانید انجام دهید',
};
