import { BadRequestException, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** 400 responses name the invalid fields, so a client knows what to fix. */
export const validationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidNonWhitelisted: true,
  exceptionFactory: (errors) => {
    const fields = flatten(errors);
    return new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; '),
      fields,
    });
  },
});

/** A UUID path parameter whose 400 names the parameter, like the body and query validation does. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${name}: must be a UUID`, fields: [{ field: name, problems: ['must be a UUID'] }] }),
  });
