import type { JSX } from 'solid-js';
import '../../../styles/year-classes.css';
import { ClassesSection } from './classes-section.tsx';
import { GroupsSection } from './groups-section.tsx';
import { NextYearSection } from './next-year-section.tsx';

/** «Классы и группы»: the classes of the school year and their groups by subject (SETUP-1…6). */
export function ClassesTab(): JSX.Element {
  return (
    <div data-testid="year-classes-tab">
      <ClassesSection />
      <GroupsSection />
      <NextYearSection />
    </div>
  );
}
