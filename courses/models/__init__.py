"""The learning app's models, split by concern."""

from courses.models.cpd import CPDEntry, CPDExport, CPDMethod, CPDTarget, Reflection
from courses.models.learning import Attempt, Certificate, Enrolment, LessonProgress
from courses.models.pages import CourseIndexPage, CoursePage, CourseTopic, KnowledgeCheckPage, LessonPage
from courses.models.pathways import LearningPathway, PathwayStep

__all__ = [
    "Attempt",
    "CPDEntry",
    "CPDExport",
    "CPDMethod",
    "CPDTarget",
    "Certificate",
    "CourseIndexPage",
    "CoursePage",
    "CourseTopic",
    "Enrolment",
    "KnowledgeCheckPage",
    "LearningPathway",
    "LessonPage",
    "LessonProgress",
    "PathwayStep",
    "Reflection",
]
