import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStudents } from '../../model/index.ts';
import { readImportFile } from '../../sync-server/import/read-import-file.ts';
import { tableCsv, tableXlsx } from '../../sync-server/import/write-table.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn } from './pages.ts';

const HEADER = ['Класс', 'ФИО ученика', 'Дата рождения', 'Дата зачисления', 'Дата выбытия', 'Группы', 'ФИО родителя', 'Телефон', 'E-mail'];
const BROKEN = [
  HEADER,
  ['5Б', 'Новиков Артём Ильич', '12.05.2015', '', '', 'Английский язык, 1 группа', 'Новикова Ирина Павловна', '8 (912) 111-22-33', ''],
  ['7Г', 'Зайцева Полина Олеговна', '', '', '', '', '', '', ''],
  ['5Б', 'Ковалёв Максим Андреевич', '31.02.2015', '', '', '', 'Ковалёва Анна Сергеевна', '', 'kovaleva@example.ru'],
];
const FIXED = [
  BROKEN[0],
  BROKEN[1],
  ['5Б', 'Ковалёв Максим Андреевич', '28.02.2015', '', '', '', 'Ковалёва Анна Сергеевна', '', 'kovaleva@example.ru'],
];

describe.runIf(chromiumAvailable())('imports and exports (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-16: the deputy downloads a template, uploads a students file with errors (highlighted, «Загрузить» off), fixes it, loads it, and exports it back', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      timezoneId: 'Europe/Moscow',
      locale: 'ru-RU',
      acceptDownloads: true,
    });
    const deputy = await signIn(ctx, server.origin, 'deputy');
    await deputy.locator('.deputy-tools').screenshot({ path: `${SHOTS}/e2e-import-home-link.png` });
    await deputy.getByTestId('import-link').click();
    await deputy.getByTestId('import-page').waitFor();
    await deputy.getByTestId('import-kind-students').click();
    await expect.poll(() => deputy.getByTestId('import-kind-panel').locator('h2').innerText()).toBe('Ученики и родители');

    const template = deputy.waitForEvent('download');
    await deputy.getByTestId('template-xlsx').click();
    const templateRows = (await readImportFile(readFileSync((await (await template).path())!))).rows;
    expect(templateRows[0]).toEqual(HEADER);

    await deputy
      .getByTestId('import-file')
      .setInputFiles({ name: 'ученики.csv', mimeType: 'text/csv', buffer: Buffer.from(tableCsv(BROKEN)) });
    const errors = deputy.getByTestId('import-errors');
    await expect.poll(() => errors.innerText(), { timeout: 30_000 }).toContain('Строка 3: неизвестный класс «7Г»');
    expect(await errors.innerText()).toContain('Строка 4: дата «31.02.2015» не существует');
    expect(await deputy.getByTestId('import-apply').isDisabled()).toBe(true);
    const preview = deputy.getByTestId('import-preview');
    expect(await preview.locator('tr[data-status="error"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual([
      '3',
      '4',
    ]);
    expect(await preview.locator('tr[data-row="2"]').getAttribute('data-status')).toBe('new');
    await deputy.screenshot({ path: `${SHOTS}/e2e-import-errors.png`, fullPage: true });

    const xlsx = await tableXlsx('Ученики', FIXED);
    await deputy.getByTestId('import-file').setInputFiles({
      name: 'ученики.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    await expect.poll(() => deputy.getByTestId('import-summary').innerText(), { timeout: 30_000 }).toContain('добавится 2');
    expect(await deputy.getByTestId('import-errors').count()).toBe(0);
    await expect.poll(() => deputy.getByTestId('import-apply').isDisabled()).toBe(false);
    await deputy.screenshot({ path: `${SHOTS}/e2e-import-preview.png`, fullPage: true });
    await deputy.getByTestId('import-apply').click();
    await expect
      .poll(() => deputy.getByTestId('import-result').innerText(), { timeout: 30_000 })
      .toBe('Загружено из «ученики.xlsx»: добавлено 2, изменено 0, без изменений 0.');
    expect(await deputy.getByTestId('import-apply').isDisabled()).toBe(true);
    await deputy.screenshot({ path: `${SHOTS}/e2e-import-done.png`, fullPage: true });

    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    expect(listStudents(journal).map((s) => s.name)).toEqual(expect.arrayContaining(['Новиков Артём Ильич', 'Ковалёв Максим Андреевич']));
    const contacts = (await server.storage.listStudentPersonal({ classId: '5b' })).flatMap((p) => p.parents.map((x) => x.phone || x.email));
    expect(contacts.sort()).toEqual(['+7 912 111-22-33', 'kovaleva@example.ru']);

    const exported = deputy.waitForEvent('download');
    await deputy.getByTestId('export-csv').click();
    const rows = (await readImportFile(readFileSync((await (await exported).path())!))).rows;
    expect(rows).toContainEqual([
      '5Б',
      'Новиков Артём Ильич',
      '12.05.2015',
      '',
      '',
      'Английский язык, 1 группа',
      'Новикова Ирина Павловна',
      '+7 912 111-22-33',
      '',
    ]);
    await ctx.close();
  });

  it('E2E-16: the administrator’s page links to the imports', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' });
    const admin = await signIn(ctx, server.origin, 'admin');
    await admin.goto(`${server.origin}/#/admin`);
    await admin.getByTestId('admin-page').getByTestId('import-link').click();
    await admin.getByTestId('import-page').waitFor();
    await admin.getByTestId('import-kind-timetable').click();
    await expect.poll(() => admin.getByTestId('import-kind-panel').innerText()).toContain('День недели');
    await admin.screenshot({ path: `${SHOTS}/e2e-import-admin.png` });
    await ctx.close();
  });
});
