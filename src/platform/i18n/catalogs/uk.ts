import type { TranslationOf } from '../translator.ts';
import type { sv } from './sv.ts';

/**
 * Ukrainian. Terms: src/platform/i18n/GLOSSARY.md. Field names go in « » after "поле" so the
 * message never has to decline a label it does not know.
 */
export const uk: TranslationOf<typeof sv> = {
  'site.name': 'Електронні послуги',
  'site.skipLink': 'Перейти до основного змісту',
  'site.home': 'Головна сторінка',
  'site.mainNav': 'Головне меню',
  'site.language': 'Мова',
  'site.languageNav': 'Виберіть мову',
  'site.signIn': 'Увійти',
  'site.signOut': 'Вийти',
  'site.signedInAs': 'Ви увійшли як {name}',
  'site.footer.accessibility': 'Заява про доступність',
  'site.footer.privacy': 'Як ми обробляємо персональні дані',
  'site.footer.apiDocs': 'Документація API',
  'site.footer.licence': 'Відкритий код за ліцензією EUPL-1.2',
  'site.devBanner':
    'Тестове середовище: вхід відбувається з тестовими користувачами, справжніх персональних даних немає.',
  'site.devTag': 'Демо',
  'site.breadcrumbs': 'Ви тут',
  'site.back': 'Назад',
  'site.close': 'Закрити',
  'site.success': 'Готово',
  'site.important': 'Важливо',

  'form.errorSummaryTitle': 'Виникла проблема',
  'form.errorPrefix': 'Помилка',
  'form.titleErrorPrefix': 'Помилка:',
  'form.continue': 'Продовжити',
  'form.save': 'Зберегти',
  'form.submit': 'Надіслати',
  'form.cancel': 'Скасувати',
  'form.optional': '(необов’язково)',
  'form.day': 'День',
  'form.month': 'Місяць',
  'form.year': 'Рік',

  'validation.required': 'Заповніть поле «{field}»',
  'validation.invalid': 'Перевірте поле «{field}»',
  'validation.tooLong': 'У полі «{field}» забагато символів. Максимальна кількість: {max}',
  'validation.tooShort': 'У полі «{field}» замало символів. Мінімальна кількість: {min}',
  'validation.invalidDate': 'У полі «{field}» має бути справжня дата',
  'validation.futureDate': 'Дата в полі «{field}» не може бути в майбутньому',
  'validation.invalidPersonalNumber':
    'Неправильний персональний номер (personnummer). Запишіть його так: РРРРММДД-ХХХХ (рік, місяць, день, потім чотири цифри)',
  'validation.invalidEmail': 'Введіть адресу електронної пошти в правильному форматі, наприклад name@example.com',
  'validation.chooseOne': 'Виберіть один варіант у полі «{field}»',
  'validation.number': 'У полі «{field}» має бути число',
  'validation.controlCharacters': 'Поле «{field}» містить недозволені символи',

  'error.notFound.title': 'Сторінку не знайдено',
  'error.notFound.body': 'Перевірте, чи правильна адреса. Можливо, сторінку перемістили або видалили.',
  'error.unauthenticated.title': 'Потрібно увійти',
  'error.unauthenticated.body': 'Увійдіть, щоб побачити цю сторінку.',
  'error.forbidden.title': 'У вас немає доступу',
  'error.forbidden.body':
    'Ваш обліковий запис не має доступу до цієї сторінки. Якщо він вам потрібен, зверніться до свого керівника або до IT-підтримки.',
  'error.csrf.title': 'Термін дії форми минув',
  'error.csrf.body':
    'З міркувань безпеки сторінку потрібно перезавантажити. Поверніться назад, перезавантажте сторінку й надішліть форму ще раз. Те, що ви написали, не збережено.',
  'error.badRequest.title': 'У запиті щось не так',
  'error.badRequest.body': 'Перевірте, що ви заповнили, і спробуйте ще раз.',
  'error.conflict.title': 'Не вдалося зберегти',
  'error.conflict.body': 'Хтось інший змінив те саме в той самий час. Перезавантажте сторінку і спробуйте ще раз.',
  'error.tooLarge.title': 'Файл або текст завеликий',
  'error.tooLarge.body': 'Те, що ви надіслали, більше, ніж ми приймаємо. Спробуйте менший файл або коротший текст.',
  'error.unsupported.title': 'Формат не підтримується',
  'error.unsupported.body': 'Те, що ви надіслали, має формат, який ця послуга не приймає.',
  'error.rateLimited.title': 'Забагато спроб',
  'error.rateLimited.body': 'Зачекайте хвилину, а потім спробуйте ще раз.',
  'error.unavailable.title': 'Послуга зараз недоступна',
  'error.unavailable.body': 'Спробуйте ще раз трохи пізніше.',
  'error.internal.title': 'Сталася помилка з нашого боку',
  'error.internal.body':
    'Це не ваша провина. Спробуйте ще раз трохи пізніше. Якщо помилка не зникає, зв’яжіться з нами і вкажіть код помилки, наведений нижче.',
  'error.requestId': 'Код помилки: {id}',
  'error.goHome': 'Перейти на головну сторінку',

  'signIn.title': 'Вхід',
  'signIn.lead': 'Виберіть, як ви хочете увійти.',
  'signIn.resident.heading': 'Для мешканців',
  'signIn.resident.body':
    'Увійдіть за допомогою електронного посвідчення (BankID або Freja), щоб подавати заяви та стежити за своїми справами.',
  'signIn.resident.button': 'Увійти з електронним посвідченням',
  'signIn.staff.heading': 'Для працівників',
  'signIn.staff.body': 'Увійдіть через свій робочий обліковий запис.',
  'signIn.staff.button': 'Увійти через робочий обліковий запис',
  'signIn.failed': 'Не вдалося увійти. Спробуйте ще раз.',
  'signIn.signedOut': 'Ви вийшли з системи.',
  'signIn.welcome': 'Ви увійшли як {name}.',

  'home.title': 'Ласкаво просимо до електронних послуг {municipality}',
  'home.lead': 'Тут ви можете подавати заяви на послуги муніципалітету та стежити за своїми справами — вашою мовою.',
  'home.resident.heading': 'Якщо ви живете в муніципалітеті',
  'home.resident.body':
    'Подайте заяву на курс шведської мови для іммігрантів (SFI) і стежте за своїми справами в розділі «Мої сторінки» (Mina sidor).',
  'home.noEid.heading': 'Немає електронного посвідчення?',
  'home.noEid.body':
    'Ви все одно можете подати заяву. Перед ухваленням рішення ми перевіримо вашу особу іншим способом.',
  'home.staff.heading': 'Для працівників',
  'home.staff.body':
    'Увійдіть через робочий обліковий запис, щоб бронювати приміщення, читати інтранет і розглядати справи.',
  'home.whatYouCanDo': 'Що ви можете зробити',
};
