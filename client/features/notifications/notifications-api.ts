import { apiCall, type Result } from '../../state/api-call.ts';

export interface NotificationItem {
  id: string;
  kind: 'announcement' | 'mark' | 'final' | 'note' | 'message';
  title: string;
  text: string;
  href: string;
  at: number;
  seenAt: number | null;
}

export interface EmailSettings {
  emailOn: boolean;
  digestMinutes: number;
  range: { min: number; max: number };
  mayEdit: boolean;
}

const OFFLINE = 'Нет связи с сервером: уведомления появятся при подключении.';

export const loadNotifications = (): Promise<Result<{ items: NotificationItem[]; unseen: number }>> =>
  apiCall('GET', '/api/notifications', undefined, OFFLINE);
export const markAllSeen = (): Promise<Result<{ unseen: number }>> => apiCall('POST', '/api/notifications/seen', {}, OFFLINE);
export const loadEmailSettings = (): Promise<Result<EmailSettings>> => apiCall('GET', '/api/notifications/settings', undefined, OFFLINE);
export const saveDigestMinutes = (digestMinutes: number): Promise<Result<EmailSettings>> =>
  apiCall('POST', '/api/notifications/settings', { digestMinutes }, OFFLINE);
