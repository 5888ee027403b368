/**
 * Russian personal names for synthetic rosters and staff. Surnames are listed in the masculine
 * form; `feminineSurname` derives the feminine one the way Russian grammar does
 * (Иванов → Иванова, Троицкий → Троицкая, Толстой → Толстая; Шевченко and Черных do not change).
 */
import type { Rng } from './random.ts';

export type Sex = 'm' | 'f';

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

const SURNAMES = words(`
  Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев
  Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов
  Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин
  Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров
  Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов
  Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов
  Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов
  Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев
  Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев
  Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Еремин Тихомиров Галкин Лукьянов Михеев
  Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков Левин Митрофанов Воронов Аксёнов
  Софронов Мальцев Логинов Горшков Савин Краснов Майоров Демидов Елисеев Рыбаков Сафонов Плотников Дёмин Хохлов
  Жданов Руднев Троицкий Вишневский Островский Покровский Успенский Рождественский Толстой Трубецкой Шевченко
  Коваленко Бондаренко Черных Седых Ким Гарипов Хабибуллин Алиев
`);

const MALE = words(`
  Александр Максим Михаил Артём Даниил Иван Дмитрий Кирилл Андрей Егор Никита Илья Алексей Матвей Тимофей Роман
  Владимир Ярослав Фёдор Георгий Константин Лев Марк Николай Степан Павел Арсений Глеб Денис Сергей Тимур Богдан
  Семён Вадим Елисей Платон Мирон Савелий Захар Демид
`);

const FEMALE = words(`
  Анастасия Мария Анна Виктория Екатерина Наталья Полина Дарья Алина Елизавета Ксения Софья Александра Варвара
  Вероника Арина Алиса Валерия Ульяна Кристина Ева Милана Василиса Таисия Юлия Ольга Маргарита Диана Злата
  Есения Елена Татьяна Яна Вера Кира Любовь Надежда Светлана Ирина Евгения
`);

/** The feminine form of a surname given in the masculine form. */
export function feminineSurname(masculine: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(masculine)) return `${masculine}а`;
  if (/(ский|цкий)$/.test(masculine)) return `${masculine.slice(0, -2)}ая`;
  if (/(ой|ый)$/.test(masculine)) return `${masculine.slice(0, -2)}ая`;
  // -енко, -их/-ых and foreign surnames such as Ким do not decline by sex.
  return masculine;
}

export interface PersonName {
  surname: string;
  first: string;
  sex: Sex;
}

/**
 * `count` distinct student names, «Фамилия Имя». Classmates rarely share a surname, so
 * surnames are drawn without repeating inside one roster.
 */
export function studentNames(rng: Rng, count: number): PersonName[] {
  const surnames = rng.sample(SURNAMES, count);
  return surnames.map((base) => {
    const sex: Sex = rng.chance(0.5) ? 'm' : 'f';
    return { surname: sex === 'm' ? base : feminineSurname(base), first: rng.pick(sex === 'm' ? MALE : FEMALE), sex };
  });
}

export function fullName(p: PersonName): string {
  return `${p.surname} ${p.first}`;
}
