import { createTranslator, type Locale, type TranslationOf } from '../../platform/i18n/index.ts';

/** Texts the SFI pipeline sends residents (My pages messages and e-mails), in the language they applied in. */
const sv = {
  'review.message':
    'Din ansökan {caseNumber} har kommit in. En handläggare går igenom den och du får besked här och via e-post.',
  'review.email.subject': 'Din ansökan till sfi {caseNumber} granskas',
  'review.email.body':
    'Hej {name}!\n\nVi har tagit emot din ansökan till sfi med ärendenummer {caseNumber}. En handläggare går nu igenom den. Du får ett meddelande när det finns ett beslut.\n\nMed vänliga hälsningar\n{municipality}',
  'invitation.message':
    'Du är antagen till sfi. Skola: {school} ({form}). Du är kallad till kartläggning av dina kunskaper den {date}. Kartläggningen avgör vilken kurs du börjar på.',
  'invitation.noSeat':
    'Du är antagen till sfi. Just nu finns ingen ledig plats i den studieform du valde ({form}); vi hör av oss när en plats blir ledig. Du är kallad till kartläggning av dina kunskaper den {date}.',
  'form.daytime': 'dagtid',
  'form.evening': 'kvällstid',
  'form.distance': 'distans',
  // The receipt sent when the application is submitted: the case number, nothing personal.
  'receipt.email.bodyNoEid':
    'Hej!\n\nVi har tagit emot din ansökan till sfi med ärendenummer {caseNumber}. Du ansökte utan e-legitimation. Därför går en handläggare igenom ansökan och kontrollerar din identitet innan du får ett beslut. Vi skickar beslutet till dig. Ange ärendenumret om du kontaktar oss.\n\nMed vänliga hälsningar\n{municipality}',
  'receipt.email.subject': 'Kvitto: din ansökan till sfi {caseNumber}',
  'receipt.email.body':
    'Hej!\n\nVi har tagit emot din ansökan till sfi med ärendenummer {caseNumber}. Du får ett meddelande när det finns ett beslut. Ange ärendenumret om du kontaktar oss.\n\nMed vänliga hälsningar\n{municipality}',
} as const;

const en: TranslationOf<typeof sv> = {
  'review.message':
    'Your application {caseNumber} has arrived. A caseworker is reviewing it, and you will hear from us here and by e-mail.',
  'review.email.subject': 'Your SFI application {caseNumber} is being reviewed',
  'review.email.body':
    'Hello {name},\n\nWe have received your application for SFI with case number {caseNumber}. A caseworker is now reviewing it. You will get a message when there is a decision.\n\nKind regards\n{municipality}',
  'invitation.message':
    'You are admitted to SFI. School: {school} ({form}). You are invited to an assessment of your knowledge on {date}. The assessment decides which course you start on.',
  'invitation.noSeat':
    'You are admitted to SFI. At the moment there is no free place in the study form you chose ({form}); we will contact you when a place is free. You are invited to an assessment of your knowledge on {date}.',
  'form.daytime': 'daytime',
  'form.evening': 'evening',
  'form.distance': 'distance',
  'receipt.email.bodyNoEid':
    'Hello,\n\nWe have received your application for SFI with case number {caseNumber}. You applied without e-ID. So a caseworker goes through the application and checks your identity before you get a decision. We will send you the decision. Quote the case number if you contact us.\n\nKind regards\n{municipality}',
  'receipt.email.subject': 'Receipt: your SFI application {caseNumber}',
  'receipt.email.body':
    'Hello,\n\nWe have received your application for SFI with case number {caseNumber}. You will get a message when there is a decision. Quote the case number if you contact us.\n\nKind regards\n{municipality}',
};

/**
 * ar/fa: the case number, the date (YYYY-MM-DD) and the school's name are Latin text with digits
 * or spaces, so they sit in a left-to-right isolate (\u2066…\u2069); e-mail text keeps them whole too.
 */
const ar: TranslationOf<typeof sv> = {
  'review.message':
    'وصل طلبك \u2066{caseNumber}\u2069. يراجعه الآن الموظف المختص، وستصلك الإجابة هنا وعبر البريد الإلكتروني.',
  'review.email.subject': 'طلبك للتقديم على SFI \u2066{caseNumber}\u2069 قيد المراجعة',
  'review.email.body':
    'مرحبًا {name}،\n\nاستلمنا طلبك للتقديم على تعليم اللغة السويدية للمهاجرين (SFI) برقم المعاملة \u2066{caseNumber}\u2069. يراجعه الآن الموظف المختص. ستصلك رسالة عندما يصدر القرار.\n\nمع أطيب التحيات\n{municipality}',
  'invitation.message':
    'تم قبولك في SFI. المدرسة: \u2066{school}\u2069 ({form}). تمت دعوتك إلى تقييم معارفك بتاريخ \u2066{date}\u2069. يحدد التقييم الدورة التي تكون بها البداية.',
  'invitation.noSeat':
    'تم قبولك في SFI. لا يوجد الآن مكان شاغر في شكل الدراسة الذي اخترته ({form})؛ سنتواصل معك عندما يتوفر مكان. تمت دعوتك إلى تقييم معارفك بتاريخ \u2066{date}\u2069.',
  'form.daytime': 'نهارًا',
  'form.evening': 'مساءً',
  'form.distance': 'عن بُعد',
  'receipt.email.bodyNoEid':
    'مرحبًا،\n\nاستلمنا طلبك للتقديم على تعليم اللغة السويدية للمهاجرين (SFI) برقم المعاملة \u2066{caseNumber}\u2069. قدّمت الطلب بدون هوية إلكترونية. لذلك يراجع الموظف المختص الطلب ويتحقق من هويتك قبل أن يصدر القرار. سنرسل إليك القرار. اذكر رقم المعاملة إذا تواصلت معنا.\n\nمع أطيب التحيات\n{municipality}',
  'receipt.email.subject': 'إيصال: طلبك للتقديم على SFI \u2066{caseNumber}\u2069',
  'receipt.email.body':
    'مرحبًا،\n\nاستلمنا طلبك للتقديم على تعليم اللغة السويدية للمهاجرين (SFI) برقم المعاملة \u2066{caseNumber}\u2069. ستصلك رسالة عندما يصدر القرار. اذكر رقم المعاملة إذا تواصلت معنا.\n\nمع أطيب التحيات\n{municipality}',
};

const fa: TranslationOf<typeof sv> = {
  'review.message':
    'درخواست شما \u2066{caseNumber}\u2069 رسید. کارشناس پرونده آن را بررسی می‌کند و شما جواب را اینجا و از طریق ایمیل می‌گیرید.',
  'review.email.subject': 'درخواست SFI شما \u2066{caseNumber}\u2069 در حال بررسی است',
  'review.email.body':
    'سلام {name}،\n\nما درخواست شما برای آموزش زبان سوئدی ویژه مهاجران (SFI) را با شماره پرونده \u2066{caseNumber}\u2069 دریافت کردیم. کارشناس پرونده اکنون آن را بررسی می‌کند. وقتی تصمیم گرفته شد، پیامی دریافت می‌کنید.\n\nبا احترام\n{municipality}',
  'invitation.message':
    'شما در SFI پذیرفته شدید. مدرسه: \u2066{school}\u2069 ({form}). شما برای ارزیابی دانش خود در تاریخ \u2066{date}\u2069 دعوت شده‌اید. ارزیابی تعیین می‌کند که از کدام دوره شروع می‌کنید.',
  'invitation.noSeat':
    'شما در SFI پذیرفته شدید. در حال حاضر در شکل آموزشی که انتخاب کردید ({form}) جای خالی نیست؛ وقتی جایی خالی شد با شما تماس می‌گیریم. شما برای ارزیابی دانش خود در تاریخ \u2066{date}\u2069 دعوت شده‌اید.',
  'form.daytime': 'روزانه',
  'form.evening': 'شبانه',
  'form.distance': 'از راه دور',
  'receipt.email.bodyNoEid':
    'سلام،\n\nما درخواست شما برای آموزش زبان سوئدی ویژه مهاجران (SFI) را با شماره پرونده \u2066{caseNumber}\u2069 دریافت کردیم. شما بدون هویت الکترونیکی درخواست دادید. به همین دلیل کارشناس پرونده درخواست را بررسی می‌کند و پیش از تصمیم، هویت شما را کنترل می‌کند. تصمیم را برای شما می‌فرستیم. اگر با ما تماس می‌گیرید، شماره پرونده را ذکر کنید.\n\nبا احترام\n{municipality}',
  'receipt.email.subject': 'رسید: درخواست SFI شما \u2066{caseNumber}\u2069',
  'receipt.email.body':
    'سلام،\n\nما درخواست شما برای آموزش زبان سوئدی ویژه مهاجران (SFI) را با شماره پرونده \u2066{caseNumber}\u2069 دریافت کردیم. وقتی تصمیم گرفته شد، پیامی دریافت می‌کنید. اگر با ما تماس می‌گیرید، شماره پرونده را ذکر کنید.\n\nبا احترام\n{municipality}',
};

const so: TranslationOf<typeof sv> = {
  'review.message':
    'Codsigaaga {caseNumber} waa la helay. Sarkaalka kiiska ayaa dib u eegaya, waxaadna jawaab ka heli doontaa halkan iyo iimayl ahaan.',
  'review.email.subject': 'Codsigaaga SFI {caseNumber} waa la eegayaa',
  'review.email.body':
    'Salaan {name},\n\nWaxaan helnay codsigaaga waxbarashada af-Iswiidhishka ee soogalootiga (SFI), lambarka kiiska {caseNumber}. Sarkaalka kiiska ayaa hadda eegaya. Fariin ayaad heli doontaa marka go’aan la gaaro.\n\nSalaan diirran\n{municipality}',
  'invitation.message':
    'Waxaa lagu aqbalay SFI. Dugsiga: {school} ({form}). Waxaa laguugu yeeray qiimeynta aqoontaada {date}. Qiimeyntu waxay go’aamisaa koorsada aad ku bilaabayso.',
  'invitation.noSeat':
    'Waxaa lagu aqbalay SFI. Hadda ma jiro boos bannaan oo ku jira qaabka waxbarasho ee aad dooratay ({form}); waan kula soo xiriiri doonnaa marka boos banaanaado. Waxaa laguugu yeeray qiimeynta aqoontaada {date}.',
  'form.daytime': 'maalintii',
  'form.evening': 'fiidkii',
  'form.distance': 'fogaan',
  'receipt.email.bodyNoEid':
    'Salaan,\n\nWaxaan helnay codsigaaga waxbarashada af-Iswiidhishka ee soogalootiga (SFI), lambarka kiiska {caseNumber}. Waxaad codsatay adigoo aan lahayn aqoonsi elektaroonig ah. Sidaas darteed sarkaalka kiiska ayaa eegaya codsiga oo hubinaya aqoonsigaaga ka hor inta aan go’aan la gaarin. Go’aanka waan kuu soo diri doonnaa. Haddii aad nala soo xiriirto, fadlan sheeg lambarka kiiska.\n\nSalaan diirran\n{municipality}',
  'receipt.email.subject': 'Rasiid: codsigaaga SFI {caseNumber}',
  'receipt.email.body':
    'Salaan,\n\nWaxaan helnay codsigaaga waxbarashada af-Iswiidhishka ee soogalootiga (SFI), lambarka kiiska {caseNumber}. Fariin ayaad heli doontaa marka go’aan la gaaro. Haddii aad nala soo xiriirto, fadlan sheeg lambarka kiiska.\n\nSalaan diirran\n{municipality}',
};

const ti: TranslationOf<typeof sv> = {
  'review.message': 'መመልከቲኹም {caseNumber} በጺሑ ኣሎ። ሰራሕተኛ ጉዳያት ይምርምሮ ኣሎ፣ ኣብዚን ብኢመይልን መልሲ ክትረኽቡ ኢኹም።',
  'review.email.subject': 'ናይ SFI መመልከቲኹም {caseNumber} ይምርመር ኣሎ',
  'review.email.body':
    'ሰላም {name}፣\n\nንትምህርቲ ቋንቋ ሽወደን ንስደተኛታት (SFI) ዘቕረብኩምዎ መመልከቲ ብቁጽሪ ጉዳይ {caseNumber} ተቐቢልናዮ ኣለና። ሕጂ ሰራሕተኛ ጉዳያት ይምርምሮ ኣሎ። ውሳነ ምስ ተወሃበ መልእኽቲ ክትረኽቡ ኢኹም።\n\nምስ ሰናይ ሰላምታ\n{municipality}',
  'invitation.message':
    'ናብ SFI ተቐቢልኩም ኣለኹም። ቤት ትምህርቲ: {school} ({form})። ብ{date} ንገምጋም ፍልጠትኩም ተጸዊዕኩም ኣለኹም። እቲ ገምጋም ብኣየናይ ኮርስ ከም እትጅምሩ ይውስን።',
  'invitation.noSeat':
    'ናብ SFI ተቐቢልኩም ኣለኹም። ኣብዚ እዋን ኣብቲ ዝመረጽኩምዎ ዓይነት ትምህርቲ ({form}) ባዶ ቦታ የለን፤ ቦታ ምስ ተረኽበ ክንረኽበኩም ኢና። ብ{date} ንገምጋም ፍልጠትኩም ተጸዊዕኩም ኣለኹም።',
  'form.daytime': 'ብመዓልቲ',
  'form.evening': 'ምሸት',
  'form.distance': 'ካብ ርሑቕ',
  'receipt.email.bodyNoEid':
    'ሰላም፣\n\nንትምህርቲ ቋንቋ ሽወደን ንስደተኛታት (SFI) ዘቕረብኩምዎ መመልከቲ ብቁጽሪ ጉዳይ {caseNumber} ተቐቢልናዮ ኣለና። ብዘይ ኤሌክትሮኒካዊ መንነት ኢኹም ኣመልኪትኩም። ስለዚ ቅድሚ ውሳነ ሰራሕተኛ ጉዳያት ነቲ መመልከቲ ይምርምር፣ መንነትኩም ድማ የረጋግጽ። ነቲ ውሳነ ክንሰደልኩም ኢና። ምሳና ክትራኸቡ ከለኹም ቁጽሪ ጉዳይ ጥቐሱ።\n\nምስ ሰናይ ሰላምታ\n{municipality}',
  'receipt.email.subject': 'ቅብሊት: ናይ SFI መመልከቲኹም {caseNumber}',
  'receipt.email.body':
    'ሰላም፣\n\nንትምህርቲ ቋንቋ ሽወደን ንስደተኛታት (SFI) ዘቕረብኩምዎ መመልከቲ ብቁጽሪ ጉዳይ {caseNumber} ተቐቢልናዮ ኣለና። ውሳነ ምስ ተወሃበ መልእኽቲ ክትረኽቡ ኢኹም። ምሳና ክትራኸቡ ከለኹም ቁጽሪ ጉዳይ ጥቐሱ።\n\nምስ ሰናይ ሰላምታ\n{municipality}',
};

const uk: TranslationOf<typeof sv> = {
  'review.message':
    'Вашу заяву {caseNumber} отримано. Її розглядає працівник, що розглядає справи, і ви отримаєте відповідь тут і електронною поштою.',
  'review.email.subject': 'Ваша заява на SFI {caseNumber} розглядається',
  'review.email.body':
    'Добрий день, {name}!\n\nМи отримали вашу заяву на курс шведської мови для іммігрантів (SFI), номер справи {caseNumber}. Зараз її розглядає працівник, що розглядає справи. Ви отримаєте повідомлення, коли буде ухвалено рішення.\n\nЗ повагою\n{municipality}',
  'invitation.message':
    'Вас зараховано на SFI. Школа: {school} ({form}). Вас запрошено на оцінювання ваших знань {date}. Оцінювання визначить, з якого курсу ви почнете.',
  'invitation.noSeat':
    'Вас зараховано на SFI. Зараз немає вільного місця у формі навчання, яку ви вибрали ({form}); ми зв’яжемося з вами, коли місце звільниться. Вас запрошено на оцінювання ваших знань {date}.',
  'form.daytime': 'денна',
  'form.evening': 'вечірня',
  'form.distance': 'дистанційна',
  'receipt.email.bodyNoEid':
    'Добрий день!\n\nМи отримали вашу заяву на курс шведської мови для іммігрантів (SFI), номер справи {caseNumber}. Ви подали заяву без електронного посвідчення. Тому працівник розгляне заяву і перевірить вашу особу, перш ніж буде ухвалено рішення. Ми надішлемо вам рішення. Зазначайте номер справи, якщо звертаєтеся до нас.\n\nЗ повагою\n{municipality}',
  'receipt.email.subject': 'Квитанція: ваша заява на SFI {caseNumber}',
  'receipt.email.body':
    'Добрий день!\n\nМи отримали вашу заяву на курс шведської мови для іммігрантів (SFI), номер справи {caseNumber}. Ви отримаєте повідомлення, коли буде ухвалено рішення. Зазначайте номер справи, якщо звертаєтеся до нас.\n\nЗ повагою\n{municipality}',
};

const catalogs = { sv, en, ar, fa, so, ti, uk };

export function sfiTranslator(locale: Locale) {
  return createTranslator(catalogs, locale);
}
