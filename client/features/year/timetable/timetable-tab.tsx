import type { JSX } from 'solid-js';
import { RoomsSection } from './rooms-section.tsx';
import { TimetableSection } from './timetable-section.tsx';
import '../../../styles/year-timetable.css';

/** «Кабинеты и расписание»: the rooms list and the weekly timetable (SETUP-10…SETUP-19). */
export function TimetableTab(): JSX.Element {
  return (
    <>
      <RoomsSection />
      <TimetableSection />
    </>
  );
}
